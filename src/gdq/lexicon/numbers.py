"""Language data for numbers: numeral characters, units, qualifier words, year cues, stop lists.

The lists are the ``numeral_*`` and ``number_*`` files in ``lexicon/data/``; this module gives
them names and types. ``gdq.extract.numerals`` (parsing a numeral) and ``gdq.extract.facts``
(reading a quantity in a sentence) hold the algorithms.
"""

from __future__ import annotations

from fractions import Fraction
from math import prod

from gdq.lexicon import chars, marks, table, words

# Words with one job each (point, fraction, negative, ...): see number_words.tsv.
_WORD = table("number_words")


def _ints(name: str) -> dict[str, int]:
    return {key: int(value) for key, value in table(name).items()}


# --- numeral characters --------------------------------------------------------------------
DIGITS: dict[str, int] = _ints("numeral_digits")
ZEROS: frozenset[str] = frozenset(c for c, v in DIGITS.items() if v == 0)
# Digits that count (两千) but are never part of a digit string (二〇二六).
COUNTING_DIGITS: dict[str, int] = _ints("numeral_counting_digits")
SMALL_UNITS: dict[str, int] = _ints("numeral_small_units")
BIG_UNITS: dict[str, int] = _ints("numeral_big_units")
# A digit and 十 in one character: 廿 = 二十, so 廿二 = 22.
TENS: dict[str, int] = _ints("numeral_tens")
# Magnitude words of several section characters (万亿) -> their value.
COMPOUND_MAGNITUDES: dict[str, int] = {
    w: prod(BIG_UNITS[c] for c in w) for w in words("numeral_compound_magnitudes")
}
APPROX_MARKERS: frozenset[str] = frozenset(chars("numeral_approx_marks"))
CN_POINT: str = _WORD["point"]
FRACTION_INFIX: str = _WORD["fraction"]
NEGATIVE: str = _WORD["negative"]
# Every word that makes the numeral after it negative: 负五, 零下五.
NEGATIVE_WORDS: tuple[str, ...] = (*words("numeral_negative_words"), NEGATIVE)
# Money words inside an amount -> value in 元 (壹拾壹元壹角壹分 = 11.11), and the words that
# close an amount (壹拾壹元整).
MONEY_WORDS: dict[str, Fraction] = {w: Fraction(v) for w, v in table("numeral_money").items()}
MONEY_CLOSERS: tuple[str, ...] = words("numeral_money_closers")
CN_NUMERAL_CHARS: str = (
    "".join(DIGITS) + "".join(COUNTING_DIGITS) + "".join(TENS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
)
# Full-width digits and signs -> ASCII, one character to one.
FOLD: dict[str, str] = table("numeral_fold")
ARABIC_DIGITS: frozenset[str] = frozenset("0123456789") | frozenset(k for k, v in FOLD.items() if v.isdigit())

# --- units -------------------------------------------------------------------------------
# Written unit -> unit reported on a fact. Units not listed here are reported as written.
UNIT_ALIASES: dict[str, str] = table("number_unit_aliases")
# Money and physical measures. Unlike classifiers these keep 一 as a real quantity: "一公里".
MEASURE_UNITS: tuple[str, ...] = words("number_measure_units")
# The measure units that are money (亿元级 is a magnitude class).
_CURRENCY_ENDINGS = words("number_currency_endings")
CURRENCIES: frozenset[str] = frozenset(u for u in MEASURE_UNITS if u.endswith(_CURRENCY_ENDINGS))
# Counting words (量词). "一" before these is usually an article ("一个新广州"), not a count.
CLASSIFIERS: tuple[str, ...] = words("number_classifiers")
# Units that count only before one of these words: 点 in "提出三点建议", not "十点开会".
UNIT_REQUIRES: dict[str, tuple[str, ...]] = {
    unit: tuple(after.split()) for unit, after in table("number_unit_requires").items()
}
# Durations. 年 is decided in code (calendar year or duration); 月/日 alone are dates.
TIME_UNITS: tuple[str, ...] = words("number_time_units")
# Units that also start common words: the unit does not count when followed by these.
UNIT_BLOCKERS: dict[str, str] = table("number_unit_blockers")
# Latin-letter units written after Arabic digits; any other letters make a code (5G, C919).
LATIN_UNITS: tuple[str, ...] = words("number_latin_units")
# After an Arabic number these make it a date, a time, an ordinal or a name, not a quantity.
ARABIC_STOP_SUFFIXES: tuple[str, ...] = words("number_arabic_stop_suffixes")
MAGNITUDE_CLASS: str = _WORD["magnitude_class"]  # 百亿级
# 3个多月: the classifier, and the units of time that may follow it after 多/余.
APPROX_CLASSIFIER: str = _WORD["approx_classifier"]
APPROX_TIME_UNITS: tuple[str, ...] = words("number_approx_time_units")
YEAR_WORD: str = _WORD["year"]  # the unit of N年, a duration or (decided in code) a calendar year
RANKING: str = _WORD["ranking"]  # 世界500强

# --- qualifiers --------------------------------------------------------------------------
EXACT = "exact"
MORE_THAN = "more_than"
AT_LEAST = "at_least"
LESS_THAN = "less_than"
AT_MOST = "at_most"
ABOUT = "about"
QUALIFIERS: frozenset[str] = frozenset({EXACT, MORE_THAN, AT_LEAST, LESS_THAN, AT_MOST, ABOUT})


def _qualifiers(name: str) -> dict[str, str]:
    """A word -> qualifier table; a misspelt qualifier fails at import, not in a fact."""
    found = table(name)
    unknown = set(found.values()) - QUALIFIERS
    if unknown:
        raise ValueError(f"lexicon/data/{name}.tsv: unknown qualifier {sorted(unknown)}")
    return found


# Words written just before a number.
PREFIX_QUALIFIERS: dict[str, str] = _qualifiers("number_prefix_qualifiers")
# Before a span of time these mean "recent", not "nearly": 近5年, 近三个月.
RECENT_PREFIXES: frozenset[str] = frozenset(words("number_recent_prefixes"))
RECENT_UNITS: frozenset[str] = frozenset(words("number_recent_units"))
# Prefix words that only qualify a bare magnitude: 过万, 上千家 (but not 通过5个, 以上3家).
MAGNITUDE_PREFIX_QUALIFIERS: dict[str, str] = _qualifiers("number_magnitude_prefix_qualifiers")
# Words ending in one of those that are no qualifier: 以上3家 is not "about 3".
MAGNITUDE_PREFIX_BLOCKERS: tuple[str, ...] = words("number_magnitude_prefix_blockers")
# A prefix qualifier does not count when the character before it makes another word.
PREFIX_GUARDS: dict[str, str] = table("number_prefix_guards")

# Words written just after a number (and its unit).
SUFFIX_QUALIFIERS: dict[str, str] = _qualifiers("number_suffix_qualifiers")
SUFFIX_GUARDS: dict[str, str] = table("number_suffix_guards")

# Written before a number, these make it vague (数千家, 几十万) or an ordinal (第一).
VAGUE_PREFIXES: frozenset[str] = frozenset(words("number_vague_prefixes"))
# Before a Chinese numeral these make a weekday or a lunar date: 周一, 星期三, 初八.
DATE_PREFIXES: tuple[str, ...] = words("number_date_prefixes")

# --- years -------------------------------------------------------------------------------
# Unit reported for a calendar year (2035年, 2026广东…大会); plain 年 means a duration.
YEAR_UNIT: str = _WORD["calendar_year"]
# Before a four-digit N年 these make it a length of time: 建城2240年, 得名1800年.
DURATION_CUES: tuple[str, ...] = words("number_duration_cues")
# A founding verb plus one character (建城, 建镇, 建校, 设县) makes N年 a length of time too.
FOUNDING_VERBS: frozenset[str] = frozenset(words("number_founding_verbs"))
# After N年 these make it a length of time: 1000年前, 2000年之久.
DURATION_AFTER: tuple[str, ...] = words("number_duration_after")
# 年前后 is "around the year N", not "N years ago".
YEAR_AFTER_GUARDS: tuple[str, ...] = words("number_year_after_guards")

# --- stop lists and marks ----------------------------------------------------------------
# Set phrases and programme names that contain numerals but state no quantity.
IDIOMS: tuple[str, ...] = words("number_idioms")
# Paired marks around slogans and names: inside a short quotation numerals are names
# (“十五五”, “百万英才汇南粤”), not facts.
QUOTE_PAIRS: dict[str, str] = {**marks.QUOTE_PAIRS, **{q: q for q in marks.SYMMETRIC_QUOTES}}
# Inside a title mark (《中国制造2025》) numbers are part of the name.
TITLE_PAIRS: dict[str, str] = {o: marks.PAIRS[o] for o in words("number_title_marks")}
# Separators of a range written "3-5年", "3至5年": the first number takes the second's unit.
RANGE_SEPARATORS: frozenset[str] = frozenset(words("number_range_separators"))
MINUS_SIGNS: frozenset[str] = frozenset(words("number_minus_signs"))
# Between two digits these make a date, a time, a version or a code (3.5.1, 9:30).
CODE_MARKS: str = chars("number_code_marks")
# Before a dash these (besides digits and numerals) make it a range dash or a hyphen: 3%-5%.
HYPHEN_JOINERS: frozenset[str] = frozenset(words("number_hyphen_joiners"))

# --- issue 12: qualifiers apart from their number, ranges, compound and sports units ------
# Adverbs that qualify a number a short verb phrase after them: 至少新增1.4万个.
ADVERB_QUALIFIERS: tuple[str, ...] = words("number_adverb_qualifiers")
# Verbs between a qualifier word and its number: 约为15万元, 将近有14亿元.
QUALIFIER_LINKS: tuple[str, ...] = words("number_qualifier_links")
# Before a span of time these make it a calendar window (前2个月, 过去两年): no fact.
WINDOW_PREFIXES: tuple[str, ...] = words("number_window_prefixes")
WINDOW_NEEDS: dict[str, str] = table("number_window_needs")
# Before 近 + span of time these make 近 "nearly" (已近两个月) rather than "recent" (近5年).
RECENT_MEASURED: tuple[str, ...] = words("number_recent_measured")
# Sports statistics used as units after Arabic digits: 24分, 11篮板; also after 个.
STAT_UNITS: tuple[str, ...] = words("number_stat_units")
# Unit -> characters before the number that make it no count of it (9时30分).
UNIT_NOT_AFTER: dict[str, str] = table("number_unit_not_after")
# Units that after a single Chinese digit name a grade (二度烫伤).
GRADE_UNITS: frozenset[str] = frozenset(words("number_grade_units"))
# Denominators of compound units (元/平方米, 人次/日) besides the measure units and classifiers.
PER_UNITS: tuple[str, ...] = words("number_per_units")
PER_MARKS: frozenset[str] = frozenset(words("number_per_marks"))
# Currencies written before the number: 新台币430亿元.
CURRENCY_PREFIXES: tuple[str, ...] = words("number_currency_prefixes")
SEVERAL: str = _WORD["several"]  # 十几名
HALF: str = _WORD["half"]  # 一半以上, 半年多
LIST_MARK: str = _WORD["list_mark"]  # 21.3、20.4个百分点
INDEX_POINT: str = _WORD["index_point"]  # 6000点
SHOTS_TAKEN: str = _WORD["shots_taken"]  # 5投4中
SHOTS_MADE: str = _WORD["shots_made"]
RANGE = "range"  # the qualifier of a range: value is the low end, value_max the high end
OF: str = _WORD["of"]  # 未来的两个月
YUAN: str = _WORD["yuan"]  # 新台币430亿元: the 元 that counts a currency written before
# Between two numbers these make a name (8+5, 2+1), not two amounts.
PLUS_MARKS: str = chars("number_plus_marks")

# --- issue 12: the numerals of cn2an's table in running text ------------------------------
# Words ending in a negative word (负) in which it is a verb or a noun, not a minus sign:
# 身负三处伤 (bears three wounds), 肩负两项任务, 胜负.
SIGN_GUARDS: tuple[str, ...] = words("number_sign_guards")
# The formal (大写) numeral characters of cheques and invoices: after them 圆 is 元 (壹佰圆).
FORMAL_NUMERAL_CHARS: frozenset[str] = frozenset(chars("numeral_formal_chars"))
# Counters whose number may be below zero: floors under ground (负一层, 负2楼). Before any other
# counter 负 is the verb "lose" or "bear" (负两场: lost two games), as no count is negative.
SIGNED_COUNTERS: frozenset[str] = frozenset(words("number_signed_counters"))
