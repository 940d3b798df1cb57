"""Money as integer öre: parsing what people type and Swedish formatting."""

from __future__ import annotations

import re
from typing import Literal

from samverkan_desktop.domain.errors import DomainError

__all__ = ["Decimals", "format_money", "kronor", "parse_money", "round_div"]

Decimals = Literal["auto", "always", "never"]

# NBSP, narrow NBSP, thin/figure/punctuation/hair spaces, tabs -> plain space.
_SPACES = dict.fromkeys(map(ord, "\u00a0\u202f\u2009\u2007\u2008\u200a\u205f\u3000\t"), " ")
_MINUS_SIGNS = "-\u2212\u2013"
_UNIT_SUFFIX = re.compile(r"(?:\s*(?:kr\.?|kronor|sek|[:,.]-|[:,.]\u2013))+$", re.IGNORECASE)
_UNIT_PREFIX = re.compile(r"^sek\s*", re.IGNORECASE)
_ALLOWED = re.compile(r"^[0-9 .,]+$")


def kronor(n: int) -> int:
    """Whole kronor to öre."""
    return n * 100


def round_div(num: int, den: int) -> int:
    """Integer ``num / den`` rounded half away from zero (``den`` > 0)."""
    if den <= 0:
        raise ValueError("den must be positive")
    q, r = divmod(abs(num), den)
    if 2 * r >= den:
        q += 1
    return -q if num < 0 else q


def _grouping_ok(int_part: str) -> bool:
    groups = re.split(r"[ .]", int_part)
    if len(groups) == 1:
        return groups[0].isdigit()
    head, *tail = groups
    return re.fullmatch(r"\d{1,3}", head) is not None and all(
        re.fullmatch(r"\d{3}", g) is not None for g in tail
    )


def parse_money(text: str, field: str = "Belopp") -> int:
    """Parse an amount typed by a person into öre; raise DomainError naming ``field``."""
    original = text.strip()
    if not original:
        raise DomainError(field, f"{field}: belopp saknas")

    def fail(problem: str) -> DomainError:
        return DomainError(field, f"{field}: '{original}' {problem}")

    s = re.sub(r" +", " ", original.translate(_SPACES)).strip()
    s = _UNIT_PREFIX.sub("", s)
    negative = False
    if s[:1] in _MINUS_SIGNS or s[:1] == "+":
        negative = s[0] != "+"
        s = s[1:].lstrip()
    s = _UNIT_SUFFIX.sub("", s).strip()
    if not s or not _ALLOWED.match(s) or not any(c.isdigit() for c in s):
        raise fail("är inte ett belopp (skriv t.ex. 75 000 eller 75 000,50 kr)")
    if s.count(",") > 1:
        raise fail("har mer än ett decimalkomma")

    if "," in s:
        int_part, dec_part = s.split(",")
    elif s.count(".") == 1 and re.fullmatch(r"\d{1,2}|\d{4,}", s.rsplit(".", 1)[1]):
        int_part, dec_part = s.rsplit(".", 1)  # a lone dot with decimals
    else:
        int_part, dec_part = s, ""  # dots (if any) group thousands
    int_part, dec_part = int_part.strip(), dec_part.strip()

    if not dec_part.isdigit() and dec_part:
        raise fail("är inte ett belopp (felaktiga decimaler)")
    if len(dec_part) > 2:
        raise fail("har fler än två decimaler")
    if int_part and not _grouping_ok(int_part):
        raise fail("har felaktig tusentalsgruppering (skriv t.ex. 1 234 567)")

    whole = int(re.sub(r"[ .]", "", int_part) or "0")
    ore = whole * 100 + int(dec_part.ljust(2, "0"))
    return -ore if negative else ore


def _group(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def format_money(ore: int, *, unit: bool = True, decimals: Decimals = "auto") -> str:
    """Swedish format: 30000000 -> "300 000 kr", 7500050 -> "75 000,50 kr"."""
    if decimals == "never":
        value = round_div(ore, 100)
        kr, rest, show = abs(value), 0, False
        negative = value < 0
    elif decimals in ("auto", "always"):
        kr, rest = divmod(abs(ore), 100)
        show = decimals == "always" or rest != 0
        negative = ore < 0
    else:
        raise ValueError(f"unknown decimals mode: {decimals!r}")
    text = ("-" if negative else "") + _group(kr) + (f",{rest:02d}" if show else "")
    return f"{text} kr" if unit else text
