"""Swedish organisation numbers (organisationsnummer): format and Luhn check."""

from __future__ import annotations

import re

from samverkan_desktop.domain.errors import DomainError

__all__ = ["FIELD", "is_valid_orgnr", "luhn_check_digit", "normalize_orgnr", "orgnr_problem"]

FIELD = "Organisationsnummer"
_SHAPE = re.compile(r"^(?:16)?\d{6}-?\d{4}$", re.ASCII)


def luhn_check_digit(body: str) -> int:
    """Check digit for a 9-digit body (weights 2, 1, 2, ... from the left)."""
    total = 0
    for i, ch in enumerate(body):
        v = int(ch) * (2 if i % 2 == 0 else 1)
        total += v // 10 + v % 10
    return (10 - total % 10) % 10


def normalize_orgnr(text: str) -> str:
    """Return "NNNNNN-NNNN" or raise DomainError naming the failing rule."""
    cleaned = re.sub(r"\s+", "", text)
    if not cleaned:
        raise DomainError(FIELD, f"{FIELD} saknas (10 siffror, NNNNNN-NNNN)")
    if not _SHAPE.match(cleaned):
        if re.fullmatch(r"\d{12}|\d{8}-\d{4}", cleaned, re.ASCII):
            raise DomainError(
                FIELD,
                f"{FIELD}: '{text.strip()}' med 12 siffror måste börja med 16; "
                "ange annars 10 siffror, NNNNNN-NNNN",
            )
        raise DomainError(
            FIELD, f"{FIELD}: '{text.strip()}' måste ha 10 siffror, NNNNNN-NNNN"
        )
    digits = cleaned.replace("-", "")[-10:]
    if luhn_check_digit(digits[:9]) != int(digits[9]):
        raise DomainError(
            FIELD, f"{FIELD}: '{text.strip()}' – kontrollsiffran stämmer inte (Luhn)"
        )
    return f"{digits[:6]}-{digits[6:]}"


def orgnr_problem(text: str) -> str | None:
    """The Swedish problem message, or None when the number is valid."""
    try:
        normalize_orgnr(text)
    except DomainError as err:
        return err.message
    return None


def is_valid_orgnr(text: str) -> bool:
    """True when ``text`` is a valid organisation number."""
    return orgnr_problem(text) is None
