from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.money import format_money, kronor, parse_money, round_div


@pytest.mark.parametrize(
    ("text", "ore"),
    [
        ("75000", 7_500_000),
        ("75 000", 7_500_000),
        ("75 000,50 kr", 7_500_050),
        ("75000,5", 7_500_050),
        ("75 000:-", 7_500_000),
        ("75 000,-", 7_500_000),
        ("100.-", 10_000),
        ("75.000,50", 7_500_050),
        ("75.000", 7_500_000),
        ("1.234.567", 123_456_700),
        ("75000.50", 7_500_050),
        ("75 000.5", 7_500_050),
        ("1 234 567 SEK", 123_456_700),
        ("SEK 100", 10_000),
        ("75\u00a0000 kr", 7_500_000),
        ("75\u202f000,25\u00a0kr", 7_500_025),
        ("75\u2009000", 7_500_000),
        ("-1 500", -150_000),
        ("\u22121 500 kr", -150_000),
        ("- 5,50", -550),
        ("+10", 1_000),
        ("0", 0),
        ("0,05", 5),
        (",50", 50),
        ("12.345", 1_234_500),
        ("300000 kronor", 30_000_000),
        ("100 KR", 10_000),
    ],
)
def test_parse_money_accepts_what_people_type(text: str, ore: int) -> None:
    assert parse_money(text) == ore


def test_parse_money_too_many_decimals_message() -> None:
    with pytest.raises(DomainError) as info:
        parse_money("12,345", "Årsavgift")
    assert str(info.value) == "Årsavgift: '12,345' har fler än två decimaler"
    assert info.value.field == "Årsavgift"


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "saknas"),
        ("   ", "saknas"),
        ("tio", "inte ett belopp"),
        ("12a", "inte ett belopp"),
        ("1e5", "inte ett belopp"),
        ("-", "inte ett belopp"),
        ("kr", "inte ett belopp"),
        ("1,2,3", "mer än ett decimalkomma"),
        ("1.2345", "fler än två decimaler"),
        ("12 34", "tusentalsgruppering"),
        ("1.23.456", "tusentalsgruppering"),
        ("1234 567", "tusentalsgruppering"),
    ],
)
def test_parse_money_rejects_naming_the_field(text: str, problem: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_money(text)
    assert str(info.value).startswith("Belopp")
    assert problem in str(info.value)


@pytest.mark.parametrize(
    ("ore", "kwargs", "text"),
    [
        (30_000_000, {}, "300 000 kr"),
        (7_500_050, {}, "75 000,50 kr"),
        (0, {}, "0 kr"),
        (-150_000, {}, "-1 500 kr"),
        (-50, {}, "-0,50 kr"),
        (123_456_789, {}, "1 234 567,89 kr"),
        (30_000_000, {"unit": False}, "300 000"),
        (30_000_000, {"decimals": "always"}, "300 000,00 kr"),
        (7_500_050, {"decimals": "never"}, "75 001 kr"),
        (7_500_049, {"decimals": "never"}, "75 000 kr"),
        (-7_500_050, {"decimals": "never"}, "-75 001 kr"),
        (-49, {"decimals": "never"}, "0 kr"),
        (5, {"decimals": "always", "unit": False}, "0,05"),
    ],
)
def test_format_money(ore: int, kwargs: dict[str, object], text: str) -> None:
    assert format_money(ore, **kwargs) == text  # type: ignore[arg-type]


def test_format_money_rejects_unknown_mode() -> None:
    with pytest.raises(ValueError):
        format_money(1, decimals="some")  # type: ignore[arg-type]


def test_kronor() -> None:
    assert kronor(300_000) == 30_000_000


@given(st.integers(-(10**15), 10**15))
def test_parse_format_roundtrip(ore: int) -> None:
    assert parse_money(format_money(ore)) == ore
    assert parse_money(format_money(ore, unit=False, decimals="always")) == ore


@given(st.integers(-(10**12), 10**12))
def test_never_rounds_half_away_from_zero(ore: int) -> None:
    whole = parse_money(format_money(ore, decimals="never"))
    assert whole % 100 == 0
    assert abs(whole - ore) <= 50
    if abs(ore) % 100 == 50:
        assert abs(whole) > abs(ore)


@given(st.integers(-(10**9), 10**9), st.integers(1, 10**6))
def test_round_div(num: int, den: int) -> None:
    q = round_div(num, den)
    assert abs(num - q * den) * 2 <= den
    assert round_div(-num, den) == -q
