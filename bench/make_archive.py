"""Deterministic generator of a synthetic Chinese news archive for benchmarking gdq.

Usage: python bench/make_archive.py OUT_DIR --mb 100 --seed 1

Writes OUT_DIR/NNN/NNNNNN.txt, articles of 2-20 KB each, made from hand-written templates of
business and policy news: headlines, bylines, quotes with speakers and roles, reported speech,
numbers in many spellings, and a controlled share of sentences (DEFAULT_KEYWORD_RATE) that
contain the keyword 人工智能, so keyword benchmarks have real hits. Some paragraphs are cut by a
"page break" (ending mid-sentence, continued after blank lines) and some passages are printed
twice, because gdq repairs both and that work belongs in the measured cost.

The same seed and size always give byte-identical files: one ``random.Random(seed)`` stream
drives everything, and nothing depends on the clock, the locale or hash order.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path

KEYWORD = "人工智能"
DEFAULT_KEYWORD_RATE = 0.02  # share of sentences that contain KEYWORD
MB = 1_000_000  # decimal megabytes, the unit bench.py reports MB/s in
MIN_FILE_BYTES = 2 * 1024
MAX_FILE_BYTES = 20 * 1024
FILES_PER_FOLDER = 1000  # subfolders, so gdq's recursive folder walk is exercised
# Bump when the output for a given seed changes, so cached archives (bench stamp files) are rebuilt.
GENERATOR_VERSION = 1

# --- vocabulary (written for this generator; none of it is gdq's bundled text) ---


def _words(text: str) -> tuple[str, ...]:
    """Space-separated word lists keep the vocabulary compact and easy to extend."""
    return tuple(text.split())


SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡"
    "余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯"
    "龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
)
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建文辉力鹏宇晨浩凯旭东海波"
    "亮斌俊峰志健欣怡婷雪琳晓雯嘉思远博宁清瑞泽楠彤鑫颖"
)
PLACES = _words(
    "广州 深圳 佛山 东莞 珠海 中山 江门 惠州 肇庆 汕头 湛江 韶关 杭州 苏州 南京 "
    "合肥 武汉 长沙 成都 重庆 西安 郑州 青岛 厦门"
)
PROVINCES = _words("广东 浙江 江苏 湖北 四川 福建 山东 安徽 河南 湖南")
ORG_STEMS = _words("珠江 南岭 海川 远航 恒信 启明 华泰 新源 瑞丰 金桥 蓝海 博远")
ORG_KINDS = _words("集团 控股集团 科技有限公司 股份有限公司 投资公司 实业集团")
UNIVERSITIES = _words("大学 理工大学 师范大学 财经大学 科技大学")
INSTITUTES = _words("发展研究院 经济研究所 产业研究中心 政策研究室 智库")
CORP_TITLES = _words("董事长 总经理 总裁 首席执行官 副总裁 创始人 党委书记")
ACADEMIC_TITLES = _words("教授 副教授 院长 研究员 首席经济学家 博士生导师")
GOV_TITLES = _words("市长 副市长 局长 副局长 主任 秘书长 区长")
GOV_BODIES = _words("发展和改革委员会 工业和信息化局 商务局 科技局 统计局 人民政府")
VERBS = _words("表示 认为 指出 介绍 说 强调 透露 坦言")
INDUSTRIES = _words(
    "先进制造 现代服务 新能源汽车 生物医药 集成电路 低空经济 跨境电商 绿色金融 "
    "数字贸易 智能装备 新材料 海洋经济 文化旅游 现代物流"
)
GOALS = _words(
    "提升产业链供应链韧性 培育壮大新质生产力 推动制造业和服务业深度融合 优化营商环境 "
    "扩大有效投资 稳定和扩大就业 加快科技成果转化 促进消费提质升级 提高城市治理水平 "
    "推进高水平对外开放 强化企业创新主体地位 带动上下游协同发展"
)
ACTIONS = _words(
    "出台专项扶持政策 设立产业引导基金 建设公共服务平台 组织重点项目集中签约 "
    "开展企业走访服务 推进老旧厂房改造 布局一批中试基地 举办投资推介会 完善人才引进机制 "
    "打造特色产业园区 推动数据要素流通 简化项目审批流程"
)
OPINIONS = (
    "企业要把创新放在首位，只有掌握核心技术，才能在竞争中站稳脚跟",
    "今年的订单比去年同期明显增加，我们对全年目标很有信心",
    "政策落地的速度越来越快，企业的获得感也越来越强",
    "产业升级不是一蹴而就的事情，需要久久为功",
    "我们将继续扩大研发投入，力争三年内推出一批拳头产品",
    "市场需求正在发生深刻变化，企业必须主动求变",
    "人才是第一资源，留住人才比引进人才更重要",
    "开放合作是这座城市最鲜明的底色",
    "稳增长的关键在于稳预期，稳预期的关键在于稳政策",
    "中小企业是经济的毛细血管，服务好中小企业就是服务好发展大局",
)
AI_OPINIONS = (
    "人工智能正在重塑制造业的生产方式，企业必须尽快补上这一课",
    "我们把人工智能用在质量检测上，良品率提高了不少",
    "人工智能的竞争归根到底是人才和数据的竞争",
    "发展人工智能既要敢于创新，也要守住安全底线",
)
HEADLINE_TAILS = _words(
    "加快建设现代化产业体系 跑出高质量发展加速度 激发市场主体活力 打造开放合作新高地 "
    "推动重大项目落地见效 做强实体经济根基 培育新的增长引擎"
)
REPEAT_POOL = (  # boilerplate some papers print under many articles, kept verbatim across files
    "本文数据来源于相关部门公开发布的统计公报，如有出入以官方发布为准。",
    "欢迎读者就本报道提供新闻线索，本报将持续跟踪报道相关进展。",
)
DIGITS_CN = "〇一二三四五六七八九"


# --- numbers in many spellings ---


def cn_small(n: int) -> str:
    """1..99 in Chinese numerals (十二, 三十五)."""
    tens, ones = divmod(n, 10)
    if tens == 0:
        return DIGITS_CN[ones]
    head = "" if tens == 1 else DIGITS_CN[tens]
    return head + "十" + (DIGITS_CN[ones] if ones else "")


def cn_year(year: int) -> str:
    return "".join(DIGITS_CN[int(d)] for d in str(year)) + "年"


def money(rng: random.Random) -> str:
    """An amount of money as news prints it (3.2万亿元, 1,200亿元, 三十五亿元, 超千亿元)."""
    kind = rng.randrange(5)
    if kind == 0:
        return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}万亿元"
    if kind == 1:
        return f"{rng.randint(1, 9)},{rng.randint(0, 999):03d}亿元"
    if kind == 2:
        return f"{cn_small(rng.randint(2, 99))}亿元"
    if kind == 3:
        return f"超{rng.choice('百千')}亿元"
    return f"{rng.randint(20, 999)}亿元"


def people(rng: random.Random) -> str:
    """A count of people (1500万人次, 逾50万人, 12.5万人, 近万人)."""
    kind = rng.randrange(4)
    if kind == 0:
        return f"{rng.randint(100, 9999)}万人次"
    if kind == 1:
        return f"逾{rng.randint(2, 90)}万人"
    if kind == 2:
        return f"{rng.randint(1, 99)}.{rng.randint(1, 9)}万人"
    return f"近{rng.choice('千万')}人"


def firms(rng: random.Random) -> str:
    """A count of companies (超200家, 近千家, 1200余家)."""
    kind = rng.randrange(3)
    if kind == 0:
        return f"超{rng.randint(2, 9) * 100}家"
    if kind == 1:
        return f"近{rng.choice('百千')}家"
    return f"{rng.randint(11, 99) * 100}余家"


def items(rng: random.Random) -> str:
    """A count of things (320个, 3000余项, 74270台（套）)."""
    kind = rng.randrange(3)
    if kind == 0:
        return f"{rng.randint(10, 999)}个"
    if kind == 1:
        return f"{rng.randint(1, 9)}000余项"
    return f"{rng.randint(1000, 99999)}台（套）"


def percent_phrase(rng: random.Random) -> str:
    """A percentage (12.5%, 百分之十二, 三成)."""
    roll = rng.random()
    if roll < 0.1:
        return f"{cn_small(rng.randint(2, 9))}成"
    if roll < 0.35:
        return "百分之" + cn_small(rng.randint(1, 60))
    return f"{rng.randint(1, 35)}.{rng.randint(0, 9)}%"


def year_phrase(rng: random.Random) -> str:
    year = rng.randint(2019, 2027)
    spelled = rng.randrange(3)
    if spelled == 0:
        return cn_year(year)
    if spelled == 1:
        return f"{year}年{rng.randint(1, 12)}月{rng.randint(1, 28)}日"
    return f"{year}年"


# --- people and organisations ---


def person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.75 else "")
    return rng.choice(SURNAMES) + given


def role(rng: random.Random) -> str:
    kind = rng.randrange(3)
    if kind == 0:
        return rng.choice(ORG_STEMS) + rng.choice(ORG_KINDS) + rng.choice(CORP_TITLES)
    if kind == 1:
        org = rng.choice(PLACES) + rng.choice(UNIVERSITIES)
        if rng.random() < 0.4:
            org += rng.choice(INSTITUTES)
        return org + rng.choice(ACADEMIC_TITLES)
    place = rng.choice(PLACES)
    title = rng.choice(GOV_TITLES)
    if title in ("市长", "副市长"):
        return place + "市" + title
    return place + "市" + rng.choice(GOV_BODIES) + title


# --- sentences ---


def direct_quote(rng: random.Random, opinions: tuple[str, ...]) -> str:
    speaker, verb, words = person(rng), rng.choice(VERBS), rng.choice(opinions)
    if rng.random() < 0.5:
        return f"{role(rng)}{speaker}{verb}：“{words}。”"
    return f"“{words}。”{role(rng)}{speaker}{verb}。"


def reported(rng: random.Random) -> str:
    return (
        f"{role(rng)}{person(rng)}{rng.choice(VERBS)}，{rng.choice(PLACES)}将{rng.choice(ACTIONS)}，"
        f"{rng.choice(GOALS)}。"
    )


def fact_sentence(rng: random.Random) -> str:
    return (
        f"{year_phrase(rng)}，{rng.choice(PLACES)}{rng.choice(INDUSTRIES)}产业规模达到{money(rng)}，"
        f"同比增长{percent_phrase(rng)}。"
    )


def policy_sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(PROVINCES)}提出，围绕{rng.choice(INDUSTRIES)}和{rng.choice(INDUSTRIES)}，"
        f"{rng.choice(ACTIONS)}，{rng.choice(GOALS)}。"
    )


def count_sentence(rng: random.Random) -> str:
    return (
        f"目前，{rng.choice(PLACES)}已集聚相关企业{firms(rng)}，带动就业{people(rng)}，"
        f"{rng.choice(GOALS)}的成效逐步显现。"
    )


def visitor_sentence(rng: random.Random) -> str:
    return (
        f"{year_phrase(rng)}以来，{rng.choice(PLACES)}累计接待游客{people(rng)}，"
        f"实现旅游收入{money(rng)}，建成{items(rng)}重点项目。"
    )


def question_sentence(rng: random.Random) -> str:
    return f"{rng.choice(PLACES)}如何{rng.choice(GOALS)}？"


def ai_sentence(rng: random.Random) -> str:
    """A sentence containing KEYWORD exactly once (never a substring of the other templates)."""
    kind = rng.randrange(4)
    if kind == 0:
        return direct_quote(rng, AI_OPINIONS)
    if kind == 1:
        return (
            f"{rng.choice(PLACES)}将加快{KEYWORD}与{rng.choice(INDUSTRIES)}融合应用，"
            f"{year_phrase(rng)}前建成{items(rng)}应用场景。"
        )
    if kind == 2:
        return f"{role(rng)}{person(rng)}{rng.choice(VERBS)}，{KEYWORD}企业数量已达{firms(rng)}。"
    return f"{rng.choice(PROVINCES)}{KEYWORD}核心产业规模增长{percent_phrase(rng)}，{rng.choice(GOALS)}。"


def opinion_quote(rng: random.Random) -> str:
    return direct_quote(rng, OPINIONS)


PLAIN_SENTENCES = (
    opinion_quote,
    opinion_quote,
    reported,
    reported,
    fact_sentence,
    policy_sentence,
    count_sentence,
    visitor_sentence,
    question_sentence,
)


def sentence(rng: random.Random, keyword_rate: float) -> str:
    if rng.random() < keyword_rate:
        return ai_sentence(rng)
    return rng.choice(PLAIN_SENTENCES)(rng)


def paragraph(rng: random.Random, keyword_rate: float) -> str:
    return "".join(sentence(rng, keyword_rate) for _ in range(rng.randint(2, 6)))


# --- articles ---


def headline(rng: random.Random) -> list[str]:
    title = f"{rng.choice(PLACES)}{rng.choice(ACTIONS)} {rng.choice(HEADLINE_TAILS)}"
    byline = f"本报记者 {person(rng)} {person(rng)}"
    return [title, byline]


def page_break(rng: random.Random, text: str) -> str:
    """Cut a paragraph mid-sentence, as a page edge does, leaving blank lines between the halves."""
    cut = rng.randint(len(text) // 4, len(text) * 3 // 4)
    # Avoid cutting right after a sentence end: that would be an ordinary paragraph break.
    while cut < len(text) - 1 and text[cut - 1] in "。！？”":
        cut += 1
    return text[:cut] + "\n" * rng.randint(2, 4) + text[cut:]


def article(rng: random.Random, target_bytes: int, keyword_rate: float) -> str:
    blocks = headline(rng)
    size = sum(len(b.encode()) + 2 for b in blocks)
    written: list[str] = []
    while size < target_bytes:
        para = paragraph(rng, keyword_rate)
        roll = rng.random()
        if written and roll < 0.04:
            para = rng.choice(written)  # a passage printed twice in the same article
        elif roll < 0.06:
            para = para + rng.choice(REPEAT_POOL)
        elif roll < 0.12:
            para = page_break(rng, para)
        cost = len(para.encode()) + 2
        if size + cost > MAX_FILE_BYTES:
            break
        written.append(para)
        blocks.append(para)
        size += cost
    return "\n\n".join(blocks) + "\n"


@dataclass(frozen=True)
class ArchiveInfo:
    files: int
    bytes: int


def generate(out_dir: Path, mb: float, seed: int, keyword_rate: float = DEFAULT_KEYWORD_RATE) -> ArchiveInfo:
    """Write about ``mb`` decimal megabytes of articles into ``out_dir`` (which must be empty)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    if any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    rng = random.Random(seed)
    total, count = 0, 0
    while total < mb * MB:
        text = article(rng, rng.randint(MIN_FILE_BYTES + 200, MAX_FILE_BYTES - 1500), keyword_rate)
        data = text.encode("utf-8")
        folder = out_dir / f"{count // FILES_PER_FOLDER:03d}"
        if count % FILES_PER_FOLDER == 0:
            folder.mkdir()
        (folder / f"{count:06d}.txt").write_bytes(data)
        total += len(data)
        count += 1
    return ArchiveInfo(files=count, bytes=total)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--mb", type=float, default=100.0, help="size in decimal MB (default 100)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keyword-rate", type=float, default=DEFAULT_KEYWORD_RATE)
    parser.add_argument("--force", action="store_true", help="delete OUT_DIR first if it exists")
    args = parser.parse_args(argv)
    if args.force and args.out_dir.exists():
        shutil.rmtree(args.out_dir)
    start = time.perf_counter()
    try:
        info = generate(args.out_dir, args.mb, args.seed, args.keyword_rate)
    except FileExistsError as exc:
        print(f"make_archive: {exc} (use --force to replace it)", file=sys.stderr)
        return 2
    elapsed = time.perf_counter() - start
    print(f"{info.files} files, {info.bytes / MB:.1f} MB in {args.out_dir} ({elapsed:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
