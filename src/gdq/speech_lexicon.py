"""Words that frame speech in Chinese news: data only, read by ``statements``.

Every list here comes from how Chinese news is written, never from one article. Keep entries
as plain strings; ``statements`` compiles them (longest first) into regexes once at import.
"""

from __future__ import annotations

# --- reporting verbs -----------------------------------------------------------------------
# Verbs that introduce speech. They frame a statement only when followed by punctuation,
# a quote mark or the end of the sentence (``X表示,…``, ``X说:“…”``, ``“…”X介绍。``), so nouns
# that contain them (说明, 介绍信) never match.
REPORTING_VERBS: tuple[str, ...] = (
    "表示", "说", "说道", "认为", "指出", "介绍", "透露", "提到", "提及", "强调", "称", "声称",
    "坦言", "直言", "解释", "补充", "告诉记者", "告诉本报记者", "深有感触", "感触颇深", "感慨",
    "感叹", "回忆", "回应", "呼吁", "谈到", "表态", "坦承", "承认", "披露", "提醒", "建议",
    "分析", "预计", "判断", "相信", "觉得", "笑称", "笑言", "直指", "说明", "重申", "寄语",
    "总结", "宣布", "提出", "谈及", "希望", "表明", "看来",
)
# Verbs that may take their reported clause without a comma: ``他认为这是…``, ``她强调要…``.
# Others (说, 称, 介绍, 提到, 解释 …) mean something else when a noun follows: 介绍产品
# (introduce), 称为 (be called), 说服 (persuade), 提到了 (mention).
CLAUSE_VERBS: frozenset[str] = frozenset(
    {"认为", "指出", "强调", "表示", "透露", "坦言", "直言", "重申", "承认", "坦承", "相信", "觉得"}
)
# Verbs that frame speech only right before a quotation of more than a few characters:
# ``X提出“以制造业之强…”`` states X's phrase; ``提出了十点建议`` reports nothing.
QUOTE_ONLY_VERBS: frozenset[str] = frozenset(
    {"提出", "寄语", "总结", "希望", "表明", "说明", "宣布", "谈及", "谈到", "感慨", "回忆"}
)
# A verb may carry 说/道 (介绍说, 补充道); they belong to the verb, not to the reported words.
VERB_SUFFIXES: tuple[str, ...] = ("说", "道")

# --- false friends -------------------------------------------------------------------------
# What follows a reporting verb and turns it into something other than speech.
FALSE_FRIEND_OBJECTS: tuple[str, ...] = (
    "感谢", "谢意", "欢迎", "祝贺", "慰问", "哀悼", "关注", "关切", "支持", "赞同", "同意", "反对",
    "遗憾", "歉意", "敬意", "理解", "满意", "认可", "肯定", "赞赏", "钦佩", "衷心", "热烈",
    "诚挚", "高度", "强烈", "愿意",
)
# Characters that, right after a verb, make a different word: 称为/称之为 (be called),
# 说服/说法 (persuade/wording), 提到了 (mention), 介绍给 (introduce to).
FALSE_FRIEND_NEXT: dict[str, str] = {
    "称": "为之号作赞颂道得",
    "说": "服法明话完笑",
    "提到": "了过",
    "提及": "了过",
    "介绍": "了给过",
    "强调": "了过",
    "表示": "了过",
    "解释": "了过",
    "回应": "了过",
}

# --- titles ---------------------------------------------------------------------------------
# A title ends the role and is followed by the person's name: 董事长李小军, 教授鲁晓东.
TITLE_WORDS: tuple[str, ...] = (
    "董事长", "副董事长", "董事", "执行董事", "独立董事", "总经理", "副总经理", "经理", "总裁",
    "副总裁", "总监", "首席执行官", "首席经济学家", "首席科学家", "首席分析师", "首席",
    "监事长", "院长", "副院长", "常务副院长", "校长", "副校长", "教授", "副教授", "讲师",
    "研究员", "副研究员", "博士生导师", "硕士生导师", "导师", "主任", "副主任", "秘书长",
    "副秘书长", "创始人", "联合创始人", "负责人", "主席", "副主席", "书记", "副书记",
    "党委书记", "总书记", "市长", "副市长", "省长", "副省长", "区长", "副区长", "县长", "镇长",
    "村长", "部长", "副部长", "局长", "副局长", "厅长", "副厅长", "处长", "科长", "司长",
    "理事长", "副理事长", "会长", "副会长", "所长", "副所长", "行长", "副行长", "社长",
    "总编辑", "主编", "站长", "队长", "馆长", "园长", "厂长", "合伙人", "发言人", "新闻发言人",
    "专家", "学者", "分析师", "经济学家", "工程师", "总工程师", "高级工程师", "医生", "医师",
    "主任医师", "护士长", "律师", "记者", "通讯员", "代表", "委员", "院士", "总理", "副总理",
    "国务委员", "大使", "总领事", "主管", "总干事", "秘书", "董秘", "老师", "会计师",
    "设计师", "教练", "主持人", "村民", "居民", "市民", "游客", "学生", "志愿者", "店主",
    "老板", "总经济师", "投资人", "首席运营官", "首席财务官", "首席技术官", "财务总监",
    "CEO", "CFO", "CTO", "COO", "总编", "台长", "团长", "主委", "常委",
)
# Bylines and credits name journalists, who report rather than speak.
BYLINE_TITLES: frozenset[str] = frozenset({"记者", "通讯员", "编辑", "主编", "总编辑", "摄影"})
# Short forms after a surname (李总, 王董, 郑教授): a later mention of a known person.
SHORT_TITLES: tuple[str, ...] = (
    "总", "董", "老师", "教授", "院长", "校长", "主任", "书记", "市长", "部长", "局长", "行长",
    "会长", "所长", "博士", "先生", "女士", "律师", "医生", "经理", "主席", "理事长", "秘书长",
)

# --- organisations --------------------------------------------------------------------------
# Words that end an organisation name; an organisation right before a name is a role
# (广药集团李小军) even without a title word.
ORG_SUFFIXES: tuple[str, ...] = (
    "集团", "公司", "有限公司", "股份有限公司", "大学", "学院", "研究院", "研究所", "委员会",
    "中心", "协会", "学会", "银行", "医院", "基金会", "商会", "联合会", "工商联", "政府",
    "办公室", "实验室", "事务所", "科学院", "工程院", "出版社", "报社", "电视台", "学校",
)

# --- institutions that speak ----------------------------------------------------------------
# ``会议强调,…``, ``国务院常务会议指出,…``, ``外交部发言人表示,…``: the institution is the speaker.
INSTITUTION_WORDS: tuple[str, ...] = (
    "会议", "大会", "全会", "常务会议", "常委会", "座谈会", "国务院", "发改委", "国家发改委",
    "外交部", "商务部", "财政部", "工信部", "教育部", "央行", "中国人民银行", "国家统计局",
    "统计局", "海关总署", "证监会", "金融监管总局", "新闻发言人", "发言人", "公报", "通知",
    "方面", "政府", "委员会", "集团", "公司",
    # Endings of government bodies and associations: 市工信局, 省商务厅, 市发改委, 行业协会.
    "局", "厅", "委", "办公室", "协会", "商会", "联合会", "法院", "检察院",
)

# --- pronouns -------------------------------------------------------------------------------
MALE_PRONOUN = "他"
FEMALE_PRONOUN = "她"
# Honorifics after a name tell the person's sex: 李娜女士, 张伟先生.
FEMALE_HONORIFICS: tuple[str, ...] = ("女士", "小姐", "阿姨", "大妈", "奶奶")
MALE_HONORIFICS: tuple[str, ...] = ("先生", "大爷", "爷爷", "叔叔")

# --- what may stand between a name and its verb ---------------------------------------------
# Adverbs and time words: 郭彦东也表示, 他特别强调, 她当天介绍.
ADVERBS: tuple[str, ...] = (
    "特别", "也", "还", "再次", "同样", "进一步", "明确", "坦率地", "直接", "反复", "多次", "一再",
    "曾经", "曾", "则", "更是", "更", "又", "都", "亦", "均", "便", "就", "首先", "最后", "随后",
    "接着", "当即", "当场", "笑着", "激动地", "动情地", "感慨地", "坦诚地", "郑重", "公开", "此前",
    "日前", "近日", "昨天", "今天", "昨日", "今日", "当天", "会上", "会后", "对此", "同时", "甚至",
    "不禁", "由衷地", "深有感触地", "在会上", "在会后", "对记者", "向记者", "对本报记者",
    "向本报记者", "跟记者", "对笔者", "向笔者", "对媒体", "向媒体", "告诉记者", "一直", "始终",
    "并", "并且", "而", "却", "已", "早已", "今年", "去年", "近期",
)
# Words that open an adjunct phrase between the name and the verb:
# 在接受采访时, 接受记者采访时, 谈及参会感受时, 对这一问题, 就此事.
ADJUNCT_OPENERS: tuple[str, ...] = (
    "在", "于", "当", "接受", "谈及", "谈到", "谈起", "说起", "提及", "回忆起", "回忆", "回顾",
    "展望", "针对", "面对", "回答", "就", "对于", "关于", "对", "向", "跟", "结合",
)
# Leading connectives of a clause that are not part of the subject: 据X介绍, 对此,X表示.
LEADING_CONNECTIVES: tuple[str, ...] = (
    "据", "而", "但", "但是", "对此", "其中", "同时", "此外", "另外", "随后", "接着", "最后", "会上",
    "当天", "近日", "日前", "与此同时", "不过", "因此", "所以", "并",
)
# Clause openers that may stand between a quotation and the clause naming its speaker:
# “……”在大会现场,X表示,…
ADJUNCT_CLAUSE_OPENERS: tuple[str, ...] = (
    "在", "于", "据", "对于", "对", "针对", "谈及", "谈到", "谈起", "面对", "当", "就", "关于",
    "作为", "回顾", "展望", "说起", "提及", "接受",
)

# --- names ----------------------------------------------------------------------------------
# Common Chinese surnames. A name is a surname plus one or two characters (rarely three);
# these lists let us tell 李小军 from 大会 or 文件 without a name tagger.
SURNAMES: str = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾"
    "毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关"
    "兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻"
    "祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿"
    "桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠"
    "惠荆乐冀郁胥南班储原栗燕楚鄢劳谌奚皮粟冼蔺楼盘满闻位厉伊仝区郜海阚花权强帅屠豆朴扶习"
)
COMPOUND_SURNAMES: tuple[str, ...] = (
    "欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "长孙", "宇文", "司徒",
    "令狐", "夏侯", "端木", "西门", "南宫", "独孤", "澹台", "公冶", "呼延", "万俟", "轩辕",
)
# Characters that do not end a name: a candidate "李强在" is 李强 + 在.
NAME_BREAKERS: str = (
    "在对也还向就则又都更是的了和与及等于从到把被将要会已曾并而但却所因其他她们这那不没很最再当即"
    "以之着过说表认指介透提称坦直解补告谈接"
)
# Two-character words that start with a surname but are not names: 文件指出, 方面表示.
NOT_NAMES: frozenset[str] = frozenset(
    {
        "文件", "方面", "金融", "高层", "高校", "明确", "成员", "程序", "黄金", "安全", "常委", "时间",
        "向来", "简单", "于是", "和平", "全体", "全面", "全市", "全省", "全国", "关键", "路径",
        "宁可", "平台", "石油", "商务", "华为", "海关", "海外", "南方", "强国", "原来", "花费",
    }
)
NAME_SEPARATOR = "·"  # in transliterated foreign names: 埃隆·马斯克
# After a title outside a speech frame nothing marks where the name ends (董事长李强主持会议);
# a third character from this set is taken for the start of the next word, not of the name.
MENTION_BREAKERS: str = NAME_BREAKERS + "主出带率亲作同特为负也"
# A role read from a mention ends a clause that may begin with the sentence's verb:
# 记者遇到了杭州某科技公司的工程师 → the role starts after 了.
ROLE_CUT_AFTER: str = "了是到见访请"
# Words after a quotation that make it someone's saying: “…”这是X常挂在嘴边的一句话。
SAYING_WORDS: tuple[str, ...] = ("一句话", "话", "名言", "口头禅", "座右铭", "观点", "心得")
# Asides inside a role that are editorial, not part of the title: （以下简称“深圳先进院”）.
ROLE_ASIDE_MARKERS: tuple[str, ...] = ("以下简称", "下称", "简称", "下同")
