"""Exact numeral parsing: ``parse_numeral(text) -> Numeral | None``.

Accepted numerals (whole string, surrounding whitespace ignored):

* Arabic: ``1500``, ``3.2``, ``1,000`` / ``1，000`` (groups of exactly three digits), full-width
  digits ``３．２``, scientific ``3.2e12`` (exponent at most three digits). A decimal point
  needs digits on both sides (``.5`` and ``5.`` are rejected).
* Chinese: ``十``, ``十五``, ``两千三百``, ``兩千``, ``一千零五``, ``十万零三``, financial
  ``壹仟贰佰``, digit strings ``二〇二六``, decimals ``三点五``, bare magnitudes ``千亿``,
  ``百万``, ``万``, the colloquial tail ``两千三`` (2300), ``三万五`` (35000), ``千六`` (1600),
  十 with no digit after 零 or 百 (``一千零十`` = 1010, ``一百十一`` = 111), and 廿/卅/卌 as
  二十/三十/四十 (``廿二`` = 22).
* Mixed: ``3.2万亿``, ``1500万``, ``1.5亿``, ``3千``, ``1万5000``, ``1万600``, ``千亿``.
* Money with its 元 word, valued in 元 with ``Numeral.unit`` ``元``: ``壹佰壹拾壹圆整`` (111),
  ``壹拾壹元壹角壹分`` (11.11), ``三块五`` (3.5), ``1.5亿元``.
* ``余``/``多`` after a quantity (``240余``, ``五百余万``, ``1000多``) set ``Numeral.approx``;
  the value is the number written (240, 5000000, 1000).
* Percentages ``12%``, ``百分之十二``, ``百分之3.5`` and per-mille ``5‰``, ``千分之五``: the value
  is the number as written (12) and ``Numeral.unit`` is ``%`` or ``‰``.
* Fractions ``三分之一`` and ``1/3`` (only two plain integers): the value of the fraction.
* Negatives: ``-5``, ``－5``, ``负五``, ``零下五``.

Invalid input never raises: ``parse_numeral``/``parse_number`` return ``None`` for ``""``,
``abc``, ``1..2``, ``3.2.1``, ``亿3``, ``万万`` (archaic; write 亿), ``三四`` ("three or four";
digit strings need three or more digits, as in 二〇二六), ``一百一千`` (units out of order),
``一千零五百`` (零 where no place is left out), ``一千十`` (十 needs its digit there),
``百八十``/``百十`` (vague: "a hundred or so"; a bare 百/千 takes one digit only), ``1万5``
(ambiguous tail: 15000 or 10005), ``伍角`` (money needs its 元 word), input over
MAX_NUMERAL_CHARS.

The numeral characters are in ``gdq.lexicon.numbers``; the query language of ``gdq number``
(``3.2万亿``, ``1000亿..5万亿``) is ``gdq.search.numbers``.
"""

from __future__ import annotations

import re
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from gdq.lexicon.numbers import (
    APPROX_MARKERS,
    BIG_UNITS,
    CN_POINT,
    COMPOUND_MAGNITUDES,
    COUNTING_DIGITS,
    DIGITS,
    FOLD,
    FRACTION_INFIX,
    MONEY_CLOSERS,
    MONEY_WORDS,
    NEGATIVE_WORDS,
    SMALL_UNITS,
    TENS,
    ZEROS,
)

# One character to one character, so offsets into folded text are offsets into the original.
FOLD_TABLE: dict[int, str] = str.maketrans(FOLD)

MAX_NUMERAL_CHARS = 64  # longer strings are not numerals a person writes; bounds the work
MAX_EXPONENT = 100

PERCENT = "%"
PER_MILLE = "‰"
# The unit of a money amount written with its 元 word (壹拾壹元整): the first 元 word listed.
MONEY_UNIT = next(w for w, v in MONEY_WORDS.items() if v == 1)
# The words of one 元 (元, 圆, 块): a money numeral's amount is what stands before the first.
YUAN_WORDS = "".join(w for w, v in MONEY_WORDS.items() if v == 1)
_JIAO_WORDS = "".join(w for w, v in MONEY_WORDS.items() if v == Fraction(1, 10))
_FEN_WORDS = "".join(w for w, v in MONEY_WORDS.items() if v == Fraction(1, 100))
_MONEY_ENDINGS = frozenset("".join(MONEY_WORDS) + "".join(MONEY_CLOSERS))

_ARABIC = re.compile(r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?")
_SCIENTIFIC = re.compile(r"[0-9]+(?:\.[0-9]+)?[eE][-+]?[0-9]{1,3}")
_SLASH_FRACTION = re.compile(r"([0-9]+)/([0-9]+)")
# Three or more: two digits side by side (三四个) are a vague "three or four", not 34.
_CN_DIGIT_STRING = re.compile("[" + "".join(DIGITS) + "]{3,}")
_CN_DECIMAL = re.compile(
    "([^" + CN_POINT + "]+)" + CN_POINT + "([" + "".join(DIGITS) + "]+)"
    "([" + "".join(SMALL_UNITS) + "".join(BIG_UNITS) + "]*)"
)
# What follows the 元 word of a money amount: 角 (its digit alone when nothing follows: 三块五)
# then 分 (its digit alone after the 角 word: 三块五毛五), or 分 alone (壹元零伍分).
_MONEY_DIGIT = "([0-9" + "".join(DIGITS) + "".join(COUNTING_DIGITS) + "])"
_MONEY_CENTS = re.compile(
    f"(?:{_MONEY_DIGIT}(?:[{_JIAO_WORDS}](?:{_MONEY_DIGIT}[{_FEN_WORDS}]?)?)?"
    f"|[{''.join(ZEROS)}]?{_MONEY_DIGIT}[{_FEN_WORDS}])?"
)


class Numeral(NamedTuple):
    """A parsed numeral: exact value, percent/per-mille unit, and whether 余/多 was written."""

    exact: Fraction
    unit: str | None = None  # "%" or "‰" for a percentage / per-mille, "元" for money (三元五角)
    approx: bool = False  # written with 余 or 多: "more than" the value

    @property
    def value(self) -> int | float:
        return to_value(self.exact)


def to_value(exact: Fraction) -> int | float:
    """The public form of an exact value: ``int`` when integral, else ``float``."""
    if exact.denominator == 1:
        return exact.numerator
    return float(exact)


def fold(text: str) -> str:
    """Full-width digits and signs to ASCII, keeping every character's offset."""
    return text.translate(FOLD_TABLE)


# --- parsing -----------------------------------------------------------------------------


def parse_number(text: str) -> int | float | None:
    """Value of a numeral (see module docstring), or ``None`` if ``text`` is not one."""
    numeral = parse_numeral(text)
    return None if numeral is None else numeral.value


def parse_numeral(text: str) -> Numeral | None:
    """Parse a whole string as a numeral; ``None`` if it is not one. Never raises."""
    s = fold(text).strip()
    if not s or len(s) > MAX_NUMERAL_CHARS:
        return None
    negative = False
    if s[0] in "-+":
        negative, s = s[0] == "-", s[1:]
    elif s.startswith(NEGATIVE_WORDS):
        word = next(w for w in NEGATIVE_WORDS if s.startswith(w))
        negative, s = True, s[len(word) :]  # 负五, 零下五
    numeral = _parse_unsigned(s)
    if numeral is None or (negative and numeral.exact == 0 and numeral.unit is None and not s):
        return None
    if negative:
        return Numeral(-numeral.exact, numeral.unit, numeral.approx)
    return numeral


def numeral_parts(text: str) -> tuple[int | float, str | None, bool] | None:
    """``(value, unit, approx)`` of ``parse_numeral(text)``, or ``None`` where that is ``None``.

    For callers that want only the public value (facts): a plain Arabic number, alone or
    followed by magnitude words (1500, 3.2万亿, 240余, 1,602亿), is read here with integer
    arithmetic and no Fraction or Numeral made, at a fraction of the cost; most numbers in
    news are written so. Everything else goes through parse_numeral.
    """
    if text.isdigit() and text.isascii() and len(text) <= MAX_NUMERAL_CHARS:
        return int(text), None, False  # 2024, 300: the commonest numbers of all
    arabic = _ARABIC.match(text)
    if arabic is not None and len(text) <= MAX_NUMERAL_CHARS:
        # ASCII digits then one of _ARABIC_TAILS (万, 亿, 余, 多, ...): folding and stripping
        # would change nothing, and parse_numeral's general reading gives the same value (a
        # leading digit means no sign; the tail has no %, 分之 or /). Full-width digits,
        # spaces and anything else fall through to it.
        tail = _ARABIC_TAILS.get(text[arabic.end() :])
        if tail is not None:
            scale, approx = tail
            return _decimal_value(arabic.group().replace(",", ""), scale), None, approx
    numeral = parse_numeral(text)
    return None if numeral is None else (numeral.value, numeral.unit, numeral.approx)


def _parse_unsigned(s: str) -> Numeral | None:
    if not s:
        return None
    if s[-1] in _MONEY_ENDINGS or (len(s) > 1 and s[-2] in _MONEY_ENDINGS):
        return _parse_money(s)  # 壹拾壹元整, 三块五 (a digit after a money word)
    if s[-1] in (PERCENT, PER_MILLE):
        exact = _parse_plain(s[:-1])
        return None if exact is None or exact[1] else Numeral(exact[0], s[-1])
    if FRACTION_INFIX in s:
        return _parse_fraction(s)
    slash = _SLASH_FRACTION.fullmatch(s) if "/" in s else None
    if slash:
        den = int(slash.group(2))
        return Numeral(Fraction(int(slash.group(1)), den)) if den else None
    plain = _parse_plain(s)
    return None if plain is None else Numeral(plain[0], None, plain[1])


def _parse_money(s: str) -> Numeral | None:
    """An amount with its 元 word, value in 元: 壹佰壹拾壹圆整 = 111, 壹拾壹元壹角壹分 = 11.11,
    三块五 = 3.5, 1.5亿元 = 150000000. The 元 word is needed: 伍角 alone is no numeral, and 十分
    ("very") must not read as 0.1."""
    for closer in MONEY_CLOSERS:
        if s.endswith(closer):
            s = s[: -len(closer)]  # 整: "exactly", after the whole amount
            break
    yuan = next((i for i, c in enumerate(s) if c in YUAN_WORDS), -1)
    if yuan <= 0:
        return None
    whole = _parse_plain(s[:yuan])
    cents = _MONEY_CENTS.fullmatch(s, yuan + 1)
    if whole is None or cents is None or (cents.group() and whole[0].denominator != 1):
        return None  # 3.5元5角: a decimal 元 amount takes no 角
    jiao, fen, fen_alone = (_money_digit(d) for d in cents.groups())
    value = whole[0] + Fraction(jiao, 10) + Fraction(fen + fen_alone, 100)
    return Numeral(value, MONEY_UNIT, whole[1])


def _money_digit(digit: str | None) -> int:
    if digit is None:
        return 0
    return int(digit) if digit.isascii() else _DIGIT_VALUES[digit]


def _parse_fraction(s: str) -> Numeral | None:
    """X分之Y is Y/X; over 百 or 千 it is a percentage or per-mille kept as written."""
    den_text, _, num_text = s.partition(FRACTION_INFIX)
    den = _parse_plain(den_text)
    num = _parse_plain(num_text)
    if den is None or num is None or den[1] or num[1] or den[0] <= 0:
        return None
    if den[0] == 100:
        return Numeral(num[0], PERCENT)
    if den[0] == 1000:
        return Numeral(num[0], PER_MILLE)
    return Numeral(num[0] / den[0])


def _parse_plain(s: str) -> tuple[Fraction, bool] | None:
    """(value, approx) of an unsigned numeral without % or 分之."""
    if not s:
        return None
    if _SCIENTIFIC.fullmatch(s):
        exact = _scientific(s)
        return None if exact is None else (exact, False)
    if _CN_DIGIT_STRING.fullmatch(s):
        return Fraction(int("".join(str(DIGITS[c]) for c in s))), False
    if CN_POINT in s:
        return _parse_cn_decimal(s)
    tokens = _tokenize(s)
    if tokens is None:
        return None
    tokens, approx = _take_approx(tokens)
    if tokens is None:
        return None
    value = _evaluate(tokens)
    return None if value is None else (value, approx)


def _parse_cn_decimal(s: str) -> tuple[Fraction, bool] | None:
    """十二点五 = 12.5, 三点五亿 = 350000000: whole part, 点, digits, then magnitude words."""
    match = _CN_DECIMAL.fullmatch(s)
    if match is None:
        return None
    whole_text, digits, magnitude_text = match.groups()
    whole = _parse_plain(whole_text)
    if whole is None or whole[1] or whole[0].denominator != 1 or whole[0] >= 10**4:
        return None
    fraction = Fraction(int("".join(str(DIGITS[d]) for d in digits)), 10 ** len(digits))
    value = whole[0] + fraction
    if not magnitude_text:
        return value, False
    magnitude = _parse_plain(magnitude_text)
    return None if magnitude is None or magnitude[1] else (value * magnitude[0], False)


def _decimal_value(s: str, scale: int) -> int | float:
    """Public value of ``123`` or ``3.25`` (digits with at most one point) times ``scale``:
    ``to_value(Fraction(s) * scale)`` without making the Fraction, which is slow to make."""
    whole, _, decimals = s.partition(".")
    if not decimals:
        return int(whole) * scale
    numerator = int(whole + decimals) * scale
    denominator: int = 10 ** len(decimals)
    quotient, remainder = divmod(numerator, denominator)
    # Integer true division is correctly rounded, so this is float() of the reduced Fraction.
    return numerator / denominator if remainder else quotient


def _scientific(s: str) -> Fraction | None:
    mantissa, _, exponent = s.lower().partition("e")
    if abs(int(exponent)) > MAX_EXPONENT:
        return None
    return Fraction(Decimal(mantissa)) * Fraction(10) ** int(exponent)


# Token: (kind, value, written in Arabic digits).
_NUM, _SMALL, _BIG, _ZERO, _APPROX = "num", "small", "big", "zero", "approx"
_Token = tuple[str, Fraction, bool]
_DIGIT_VALUES: dict[str, int] = {**DIGITS, **COUNTING_DIGITS}
_TEN: _Token = (_SMALL, Fraction(10), False)
# Tokens of each numeral character, built once (Fractions are immutable, so tokens are shared).
# 廿 is two tokens, 二 and 十, so every rule for 二十 holds for it (廿二, 一百廿, 廿余万).
_CHAR_TOKENS: dict[str, tuple[_Token, ...]] = {
    **{c: ((_NUM, Fraction(v), False),) for c, v in _DIGIT_VALUES.items()},
    **{c: ((_ZERO, Fraction(0), False),) for c in ZEROS},
    **{c: ((_NUM, Fraction(v // 10), False), _TEN) for c, v in TENS.items()},
    **{c: ((_SMALL, Fraction(v), False),) for c, v in SMALL_UNITS.items()},
    **{c: ((_BIG, Fraction(v), False),) for c, v in BIG_UNITS.items()},
    **{c: ((_APPROX, Fraction(0), False),) for c in APPROX_MARKERS},
}


def _arabic_tails() -> dict[str, tuple[int, bool]]:
    """Words after an Arabic number that just scale it: nothing, 万, 亿, 万亿, each optionally
    with one 余/多 before or after the magnitude (240余, 5000余万, 3万多) -> (scale, approx)."""
    tails: dict[str, tuple[int, bool]] = {"": (1, False)}
    magnitudes = {"": 1, **BIG_UNITS, **COMPOUND_MAGNITUDES}
    for magnitude, scale in magnitudes.items():
        for mark in APPROX_MARKERS:
            tails[mark + magnitude] = tails[magnitude + mark] = (scale, True)
        if magnitude:
            tails[magnitude] = (scale, False)
    return tails


_ARABIC_TAILS = _arabic_tails()


def _tokenize(s: str) -> list[_Token] | None:
    tokens: list[_Token] = []
    i = 0
    while i < len(s):
        c = s[i]
        arabic = _ARABIC.match(s, i)
        if arabic:
            text = arabic.group().replace(",", "")
            tokens.append((_NUM, Fraction(text), True))
            i = arabic.end()
            continue
        char_tokens = _CHAR_TOKENS.get(c)
        if char_tokens is None:
            return None
        tokens += char_tokens
        i += 1
    return tokens


def _take_approx(tokens: list[_Token]) -> tuple[list[_Token] | None, bool]:
    """Drop one 余/多; it must follow a quantity and be followed only by 万/亿."""
    marks = [i for i, t in enumerate(tokens) if t[0] == _APPROX]
    if not marks:
        return tokens, False
    if len(marks) > 1 or marks[0] == 0:
        return None, False
    i = marks[0]
    if tokens[i - 1][0] == _ZERO or any(t[0] != _BIG for t in tokens[i + 1 :]):
        return None, False
    return tokens[:i] + tokens[i + 1 :], True


def _evaluate(tokens: list[_Token]) -> Fraction | None:
    """Value of a whole numeral; decimals are allowed only in its first token."""
    if any(t[0] == _NUM and t[1].denominator != 1 for t in tokens[1:]):
        return None
    if tokens == [(_ZERO, Fraction(0), False)]:
        return Fraction(0)
    return _value(tokens, tail=True)


def _value(tokens: list[_Token], tail: bool) -> Fraction | None:
    """Split on the highest section unit: left x unit + right (right < unit)."""
    for unit in (10**8, 10**4):
        positions = [i for i, t in enumerate(tokens) if t[0] == _BIG and t[1] == unit]
        if positions:
            return _split(tokens, positions[-1], unit, tail)
    return _section(tokens, tail)


def _split(tokens: list[_Token], at: int, unit: int, tail: bool) -> Fraction | None:
    left, right = tokens[:at], tokens[at + 1 :]
    if not left:
        # Bare 万/亿 (万亩, 千亿's 亿 after 千 is not bare) may not take a tail: 亿3, 万三.
        return Fraction(unit) if not right else None
    if unit == 10**4 and any(t[0] == _BIG for t in left):
        return None  # 万万, 亿万: archaic or not a number
    multiplier = _value(left, tail=False)
    if multiplier is None:
        return None
    rest = _remainder(right, unit, tail)
    return None if rest is None else multiplier * unit + rest


def _remainder(right: list[_Token], unit: int, tail: bool) -> Fraction | None:
    """What follows 万/亿: nothing, 零+number, a colloquial single digit, or a number < unit."""
    if not right:
        return Fraction(0)
    if right[0][0] == _ZERO:
        if len(right) < 2 or not (right[1][0] == _NUM or right[1] == _TEN):
            return None  # 十万零三, 一万零十
        value = _value(right[1:], tail)
        return value if value is not None and 0 < value < unit else None
    if right[0][0] != _NUM:
        return None
    if len(right) == 1:
        return _tail_digit(right[0], unit, tail)
    value = _value(right, tail)
    return value if value is not None and 0 < value < unit else None


def _tail_digit(token: _Token, unit: int, tail: bool) -> Fraction | None:
    """A lone number straight after a unit: 三万五 = 35000, 1万5000 = 15000, 1万600 = 10600.

    A single Arabic digit after 百 and up is rejected (1万5: 15000 or 10005?); more digits are
    the plain rest (1万600), as no one shortens 1万6000 to 1万600.
    """
    _, value, arabic = token
    if arabic:
        return value if min(10, unit // 10) <= value < unit else None
    if value == 0:
        return None
    if unit == 10:
        return value  # 十五, 二十三: an ordinary ones digit
    # The colloquial reading (两千三 = 2300) only ends a numeral: 两千三万 is not 2300万.
    return value * (unit // 10) if tail else None


def _section(tokens: list[_Token], tail: bool) -> Fraction | None:
    """A value below 10^4 (or any Arabic number with 十/百/千 units): 两千零五, 3千."""
    total = Fraction(0)
    pending: _Token | None = None
    last_unit = 10**4
    after_zero = bare = False
    for index, token in enumerate(tokens):
        kind, value, _ = token
        if bare and (index > 1 or kind != _NUM):
            # A bare 百/千 takes one spoken digit (千六 = 1600) and no more: 千八百 and 百八十
            # are vague ("eight hundred to a thousand"), 百十 is "a hundred or so".
            return None
        if kind == _NUM:
            if pending is not None:
                return None  # 三四: two numbers with no unit between
            pending = token
        elif kind == _ZERO:
            if index == 0 or pending is not None or after_zero:
                return None
            after_zero = True
        elif kind == _SMALL:
            unit = int(value)
            if unit >= last_unit or (after_zero and unit * 100 > last_unit):
                return None  # 一百一千; 一千零五百 (零 stands for a place left out)
            if pending is None:
                if index != 0 and not _bare_ten(unit, last_unit, after_zero):
                    return None
                bare = unit != 10
                multiplier = Fraction(1)  # 十五, 一千零十 = 1010
            else:
                multiplier = pending[1]
                if index > 1 and not (0 < multiplier < 10):
                    return None
            total += multiplier * unit
            last_unit, pending, after_zero = unit, None, False
        else:
            return None
    return _close_section(total, pending, last_unit, after_zero, tail)


def _bare_ten(unit: int, last_unit: int, after_zero: bool) -> bool:
    """十 with no digit inside a numeral: after 零 (一千零十 = 1010) or straight after 百, as
    people say it (一百十一 = 111); anywhere else (一千十) it is a slip, not a number."""
    return unit == 10 and (after_zero or last_unit == 100)


def _close_section(
    total: Fraction, pending: _Token | None, last_unit: int, after_zero: bool, tail: bool
) -> Fraction | None:
    if pending is None:
        return None if after_zero else total
    if last_unit == 10**4:
        return pending[1]  # no unit at all: a plain number
    if after_zero:
        return total + pending[1] if pending[1] < last_unit // 10 else None
    rest = _tail_digit(pending, last_unit, tail)
    return None if rest is None else total + rest


__all__ = [
    "Numeral",
    "fold",
    "numeral_parts",
    "parse_number",
    "parse_numeral",
    "to_value",
]
