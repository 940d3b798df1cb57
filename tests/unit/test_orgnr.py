from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.orgnr import (
    is_valid_orgnr,
    luhn_check_digit,
    normalize_orgnr,
    orgnr_problem,
)


@pytest.mark.parametrize(
    "text",
    ["5564646874", "556464-6874", "16556464-6874", "165564646874", " 556464 - 6874 "],
)
def test_rise_accepted_in_every_written_form(text: str) -> None:
    assert normalize_orgnr(text) == "556464-6874"


@pytest.mark.parametrize(
    ("text", "name"),
    [("202100-4896", "Södertörns högskola"), ("212000-0068", "Huddinge kommun")],
)
def test_known_valid_numbers(text: str, name: str) -> None:
    assert is_valid_orgnr(text), name
    assert orgnr_problem(text) is None


def test_wrong_check_digit_names_luhn() -> None:
    with pytest.raises(DomainError) as info:
        normalize_orgnr("556464-6875")
    assert info.value.field == "Organisationsnummer"
    assert "kontrollsiffran stämmer inte (Luhn)" in str(info.value)
    assert str(info.value).startswith("Organisationsnummer")


@pytest.mark.parametrize(
    "text", ["", "55646-6874", "556464-68745", "5564646874x", "556464_6874", "5564-646874"]
)
def test_wrong_shape_names_length_rule(text: str) -> None:
    problem = orgnr_problem(text)
    assert problem is not None
    assert problem.startswith("Organisationsnummer")
    assert "10 siffror, NNNNNN-NNNN" in problem


def test_twelve_digits_need_century_16() -> None:
    problem = orgnr_problem("19556464-6874")
    assert problem is not None and "16" in problem


bodies = st.text(alphabet="0123456789", min_size=9, max_size=9)


@given(bodies)
def test_generated_numbers_validate(body: str) -> None:
    number = body + str(luhn_check_digit(body))
    assert normalize_orgnr(number) == f"{number[:6]}-{number[6:]}"


@given(bodies, st.integers(0, 9), st.integers(1, 9))
def test_any_single_digit_change_fails(body: str, pos: int, delta: int) -> None:
    digits = [int(c) for c in body + str(luhn_check_digit(body))]
    digits[pos] = (digits[pos] + delta) % 10
    changed = "".join(map(str, digits))
    problem = orgnr_problem(changed)
    assert problem is not None and "Luhn" in problem
