"""Chinese numerals as numbers: one reader for dates, chapter numbers and counts.

Two ways of writing a number meet in Chinese text, and both must read the same:
- digit by digit, as years are written: `二〇一三`, `二零一五`, `２０１５`;
- with units, as counts and days are: `十二`, `三十一`, `一百零五`, `两千`, `3万`, and the
  old contractions `廿` (twenty) and `卅` (thirty) that dates still use (`廿三日`).
Full-width digits read as ordinary ones. Anything else is not a numeral: `ValueError`,
so a caller never takes a word for zero.
"""
from __future__ import annotations

DIGITS = {
    "〇": 0, "零": 0, "○": 0, "Ｏ": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5,
    "六": 6, "七": 7, "八": 8, "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_SECTIONS = {"万": 10_000, "亿": 100_000_000}
_TENS = {"廿": 20, "卅": 30}
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")
NUMERAL_CHARS = "".join(DIGITS) + "".join(_UNITS) + "".join(_SECTIONS) + "".join(_TENS)


def read_number(text: str) -> int:
    """`十二` → 12, `三十一` → 31, `二〇一五` → 2015, `09` → 9, `廿三` → 23, `两千` → 2000."""
    s = (text or "").strip().translate(_FULLWIDTH)
    if not s:
        raise ValueError("not a numeral: empty")
    if s.isascii() and s.isdigit():
        return int(s)
    if not any(c in _UNITS or c in _SECTIONS or c in _TENS for c in s):
        return int("".join(str(_digit(c)) for c in s))  # 二〇一五: one digit per character
    total = section = 0
    digit: int | None = None
    for c in s:
        if c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        elif c in _TENS:
            section += _TENS[c]
        elif c == "万":  # 一亿两千万: 万 multiplies what follows the 亿, not the 亿
            total += (section + (digit or 0)) * _SECTIONS[c]
            section, digit = 0, None
        elif c == "亿":
            total = (total + section + (digit or 0)) * _SECTIONS[c]
            section, digit = 0, None
        elif c.isascii() and c.isdigit() and digit is not None:
            digit = digit * 10 + int(c)  # 15万: Arabic digits before a unit
        else:
            digit = _digit(c)
    return total + section + (digit or 0)


def _digit(c: str) -> int:
    if c.isascii() and c.isdigit():
        return int(c)
    if c in DIGITS:
        return DIGITS[c]
    raise ValueError(f"not a numeral: {c!r}")
