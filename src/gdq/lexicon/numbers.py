"""Language data for numeric facts: units, qualifier words, year cues, stop lists.

Data only. ``gdq.extract.numerals`` and ``gdq.extract.facts`` hold the algorithms; every list a reviewer may
want to audit or extend lives here.
"""

from __future__ import annotations

from gdq.lexicon import marks

# Numeral characters, magnitude words and the full-width folding table live in
# gdq.extract.numerals, which must stay free of gdq imports; facts.py takes them from there.

# --- units -------------------------------------------------------------------------------
# Written unit -> unit reported on a fact. Units not listed here are reported as written.
UNIT_ALIASES: dict[str, str] = {
    "个月": "月", "个小时": "小时", "个百分点": "百分点", "个季度": "季度", "个星期": "星期",
    "个工作日": "工作日", "个交易日": "交易日", "个半月": "月",
    "人民币": "元", "元人民币": "元", "块钱": "元", "美金": "美元", "港币": "港元",
    "㎡": "平方米", "平米": "平方米", "％": "%",
}  # fmt: skip

# Money and physical measures. Unlike classifiers these keep 一 as a real quantity: "一公里".
MEASURE_UNITS: tuple[str, ...] = (
    "元人民币", "人民币", "元", "块钱", "美元", "美金", "港元", "港币", "欧元", "日元", "英镑",
    "韩元", "澳元", "卢布", "新台币", "澳门元",
    "平方公里", "平方千米", "平方米", "平米", "立方米", "公里", "千米", "厘米", "毫米", "纳米",
    "米", "公顷", "亩", "吨", "千克", "公斤", "克", "斤", "毫升", "升",
    "千瓦时", "千瓦", "兆瓦", "吉瓦", "瓦", "度", "标箱", "标准箱", "海里", "英里", "光年",
    "%", "％", "‰", "倍", "个百分点", "百分点", "成",
)  # fmt: skip

# Counting words (量词). "一" before these is usually an article ("一个新广州"), not a count.
CLASSIFIERS: tuple[str, ...] = (
    "人次", "架次", "车次", "艘次", "班次", "辆次", "户次",
    "人", "名", "位", "家", "个", "项", "次", "座", "所", "台", "辆", "架", "艘", "件", "套",
    "条", "只", "户", "栋", "幢", "间", "张", "本", "部", "款", "批", "份", "起", "例", "宗",
    "笔", "种", "类", "支", "场", "届", "轮", "枚", "颗", "株", "棵", "片", "处", "段", "层",
    "对", "组", "篇", "首", "集", "站", "列", "票", "期次", "床", "点",
)  # fmt: skip

# Units that count only before one of these words: 点 is a count in "提出三点建议" but a
# clock time in "十点开会".
UNIT_REQUIRES: dict[str, tuple[str, ...]] = {
    "点": (
        "建议", "意见", "要求", "措施", "举措", "共识", "体会", "经验", "希望", "思考", "看法",
        "启示", "做法", "原则", "考虑", "理由", "原因", "优势", "不足", "问题", "内容",
    ),
}  # fmt: skip

# Durations. 年 is decided in code (calendar year or duration); 月/日 alone are dates.
TIME_UNITS: tuple[str, ...] = (
    "个月", "个半月", "个小时", "个季度", "个星期", "个工作日", "个交易日",
    "小时", "分钟", "秒钟", "秒", "天", "周年", "周", "星期", "岁", "年",
)  # fmt: skip

# Units that also start common words: the unit does not count when followed by these.
UNIT_BLOCKERS: dict[str, str] = {
    "成": "为立功本果员长交效熟都型品份绩就", "度": "过假", "周": "边末围期",
    "起": "来步点源草", "对": "于接外比", "部": "门分署长委", "天": "然津下地",
    "次": "要日序", "集": "团中体聚成", "场": "景所地", "片": "区", "首": "先都次位",
    "条": "件例", "件": "事",
}  # fmt: skip

# Latin-letter units written after Arabic digits; any other letters make a code (5G, C919).
LATIN_UNITS: tuple[str, ...] = (
    "kWh", "MWh", "GWh", "TWh", "kW", "MW", "GW", "km", "kg", "mm", "cm", "nm", "m²", "m2",
    "TEU", "GB", "TB", "mAh", "GHz",
)  # fmt: skip

# After an Arabic number these make it a date, a time, an ordinal or a name, not a quantity.
ARABIC_STOP_SUFFIXES: tuple[str, ...] = (
    "月", "日", "号", "时", "点", "强", "世纪", "年代", "季度", "楼", "路", "届", "期",
)  # fmt: skip

# --- qualifiers --------------------------------------------------------------------------
EXACT = "exact"
MORE_THAN = "more_than"
AT_LEAST = "at_least"
LESS_THAN = "less_than"
AT_MOST = "at_most"
ABOUT = "about"

# Words written just before a number.
PREFIX_QUALIFIERS: dict[str, str] = {
    "超过": MORE_THAN, "超出": MORE_THAN, "多于": MORE_THAN, "高于": MORE_THAN,
    "大于": MORE_THAN, "逾": MORE_THAN, "超": MORE_THAN, "突破": MORE_THAN,
    "不少于": AT_LEAST, "不低于": AT_LEAST, "不下于": AT_LEAST, "至少": AT_LEAST,
    "最少": AT_LEAST, "起码": AT_LEAST,
    "将近": ABOUT, "接近": ABOUT, "近": ABOUT, "约": ABOUT, "大约": ABOUT, "大概": ABOUT,
    "约合": ABOUT,
    "不到": LESS_THAN, "不足": LESS_THAN, "少于": LESS_THAN, "低于": LESS_THAN,
    "小于": LESS_THAN, "未满": LESS_THAN, "不及": LESS_THAN,
    "不超过": AT_MOST, "不超出": AT_MOST, "不高于": AT_MOST, "不多于": AT_MOST,
    "不大于": AT_MOST, "最多": AT_MOST, "至多": AT_MOST,
}  # fmt: skip
# Before a span of time these mean "recent", not "nearly": 近5年, 近三个月.
RECENT_PREFIXES = frozenset({"近"})
RECENT_UNITS = frozenset({"年", "月", "天", "周", "星期", "季度", "小时"})
# Prefix words that only qualify a bare magnitude: 过万, 上千家 (but not 通过5个, 以上3家).
MAGNITUDE_PREFIX_QUALIFIERS: dict[str, str] = {"过": MORE_THAN, "上": ABOUT}
# A prefix qualifier does not count when the character before it makes another word.
PREFIX_GUARDS: dict[str, str] = {"近": "最附靠临邻亲贴逼就", "超": "赶高", "约": "制签预公节"}

# Words written just after a number (and its unit).
SUFFIX_QUALIFIERS: dict[str, str] = {
    "以上": AT_LEAST, "及以上": AT_LEAST, "以下": LESS_THAN, "以内": AT_MOST, "之内": AT_MOST,
    "左右": ABOUT, "上下": ABOUT, "有余": MORE_THAN, "开外": MORE_THAN,
    "多": MORE_THAN, "余": MORE_THAN,
}  # fmt: skip
SUFFIX_GUARDS: dict[str, str] = {"上下": "游级班文半楼车功齐", "多": "元样家个项种次"}

# Written before a number, these make it vague (数千家, 几十万) or an ordinal (第一).
VAGUE_PREFIXES = frozenset("数几第")
# Before a Chinese numeral these make a weekday or a lunar date: 周一, 星期三, 初八.
DATE_PREFIXES: tuple[str, ...] = ("星期", "礼拜", "周", "初")

# --- years -------------------------------------------------------------------------------
# Unit reported for a calendar year (2035年, 2026广东…大会); plain 年 means a duration.
YEAR_UNIT = "年份"
# Before a four-digit N年 these make it a length of time: 建城2240年, 得名1800年.
DURATION_CUES: tuple[str, ...] = (
    "建城", "得名", "建成", "历时", "连续", "长达", "历经", "已有", "有着", "距今", "至今",
    "相隔", "过去", "经过", "走过", "跨越", "延续", "传承", "历史", "建校", "建县", "建市",
    "建都", "开埠", "绵延", "迄今", "逾", "超", "近", "约", "达",
)  # fmt: skip
# A founding verb plus one character (建城, 建镇, 建校, 设县) makes N年 a length of time too.
FOUNDING_VERBS = frozenset("建设置")
# After N年 these make it a length of time: 1000年前, 2000年之久.
DURATION_AFTER: tuple[str, ...] = ("前", "之久", "历史", "的历史", "来", "间")
# 年前后 is "around the year N", not "N years ago".
YEAR_AFTER_GUARDS: tuple[str, ...] = ("前后",)

# --- stop lists --------------------------------------------------------------------------
# Set phrases and programme names that contain numerals but state no quantity. A numeral
# overlapping one of these is never a fact.
IDIOMS: tuple[str, ...] = (
    "千家万户", "千方百计", "千军万马", "千辛万苦", "千丝万缕", "千差万别", "千变万化",
    "千山万水", "千秋万代", "千姿百态", "万紫千红", "万无一失", "万众一心", "万家灯火",
    "万人空巷", "一心一意", "三心二意", "一举两得", "一石二鸟", "三番五次", "三令五申",
    "五湖四海", "四面八方", "七上八下", "十全十美", "九牛一毛", "百花齐放", "百家争鸣",
    "百尺竿头", "百年大计", "百里挑一", "千载难逢", "千钧一发", "独一无二", "接二连三",
    "一清二楚", "一五一十", "百战百胜", "十年磨一剑", "一年四季", "三年五载", "百折不挠",
    "千人计划", "万人计划", "百千万工程", "两个确立", "两个维护", "四个意识", "四个自信",
    "四个全面", "三个代表", "五位一体", "两个一百年", "两个大局", "两个毫不动摇",
    "一国两制", "四个出新出彩", "五个一工程", "三个务必", "四个面向", "三家来一补",
    "三来一补", "一带一路", "双一流", "千年商都", "千年古城", "千年古都", "千年古镇",
    "百年老店", "百年名校", "百年变局", "百年未有之大变局", "万分感谢", "三级医院",
    "二级医院", "三甲医院", "一度", "一成不变", "两点一线", "一亩三分地", "十万火急", "九九八十一难",
)  # fmt: skip

# Paired marks around slogans and names. Inside a short quotation (at most
# SLOGAN_MAX_CHARS characters) numerals are names (“十五五”, “百万英才汇南粤”), not facts.
QUOTE_PAIRS: dict[str, str] = {**marks.QUOTE_PAIRS, **{q: q for q in marks.SYMMETRIC_QUOTES}}
SLOGAN_MAX_CHARS = 12
# Inside a title mark (《中国制造2025》) numbers are part of the name.
TITLE_PAIRS: dict[str, str] = {"《": "》", "〈": "〉"}
TITLE_MAX_CHARS = 50

# Separators of a range written "3-5年", "3至5年": the first number takes the second's unit.
RANGE_SEPARATORS = frozenset("-－~～至到—–")
