from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.notice import (
    NoticeRule,
    TerminationOption,
    breach_deadlines,
    end_after_notice,
    extension_deadline,
    format_notice_rule,
    notice_deadline,
    parse_termination_points,
    termination_options,
)

LOFT = NoticeRule(termination_points=((2, 1),), notice_months=12)
HUDDINGE = NoticeRule(termination_points=((12, 31),), notice_months=6)
FIXED = NoticeRule(fixed_term=True)


def test_loft_notice_deadline() -> None:
    assert notice_deadline(date(2024, 2, 1), 12) == date(2023, 2, 1)


def test_huddinge_notice_deadline_is_june_30_same_year() -> None:
    assert notice_deadline(date(2024, 12, 31), 6) == date(2024, 6, 30)
    assert termination_options(HUDDINGE, date(2024, 3, 1), None, count=2) == [
        TerminationOption(date(2024, 12, 31), date(2024, 6, 30)),
        TerminationOption(date(2025, 12, 31), date(2025, 6, 30)),
    ]


def test_extension_deadline_one_quarter_before_end() -> None:
    assert extension_deadline(date(2024, 12, 31)) == date(2024, 9, 30)
    assert extension_deadline(date(2024, 12, 31), 6) == date(2024, 6, 30)


def test_loft_termination_options_within_period() -> None:
    opts = termination_options(LOFT, date(2022, 6, 1), date(2024, 12, 31))
    assert opts == [TerminationOption(date(2024, 2, 1), date(2023, 2, 1))]
    assert termination_options(LOFT, date(2023, 2, 2), date(2024, 12, 31)) == []
    # The deadline day itself still counts.
    assert termination_options(LOFT, date(2023, 2, 1), date(2024, 12, 31)) == opts


def test_options_open_end_and_several_points() -> None:
    rule = NoticeRule(termination_points=((12, 31), (6, 30)), notice_months=3)
    opts = termination_options(rule, date(2024, 4, 1), None)
    # 2024-06-30 needed notice by 2024-03-30, which has passed.
    assert opts == [
        TerminationOption(date(2024, 12, 31), date(2024, 9, 30)),
        TerminationOption(date(2025, 6, 30), date(2025, 3, 30)),
        TerminationOption(date(2025, 12, 31), date(2025, 9, 30)),
    ]
    assert termination_options(rule, date(2024, 3, 30), None, count=1) == [
        TerminationOption(date(2024, 6, 30), date(2024, 3, 30))
    ]


def test_fixed_term_has_no_options_and_cannot_be_terminated() -> None:
    assert termination_options(FIXED, date(2024, 1, 1), date(2026, 1, 1)) == []
    with pytest.raises(DomainError) as info:
        end_after_notice(FIXED, date(2024, 1, 1))
    assert info.value.field == "Uppsägning"
    assert "tidsbegränsat" in str(info.value)


def test_end_after_notice() -> None:
    assert end_after_notice(LOFT, date(2023, 2, 1)) == date(2024, 2, 1)
    assert end_after_notice(LOFT, date(2023, 2, 2)) == date(2025, 2, 1)
    assert end_after_notice(HUDDINGE, date(2024, 7, 1)) == date(2025, 12, 31)
    assert end_after_notice(NoticeRule(notice_months=3), date(2024, 11, 30)) == date(2025, 2, 28)


def test_leap_day_point_is_clamped() -> None:
    rule = NoticeRule(termination_points=((2, 29),), notice_months=1)
    assert [o.termination_date for o in termination_options(rule, date(2023, 1, 1), None)] == [
        date(2023, 2, 28),
        date(2024, 2, 29),
        date(2025, 2, 28),
    ]


def test_breach_deadlines() -> None:
    b = breach_deadlines(date(2024, 1, 10), date(2024, 3, 1))
    assert b.rectify_by == date(2024, 3, 10)
    assert b.terminate_by == date(2024, 4, 30)
    assert breach_deadlines(None, None).rectify_by is None


@pytest.mark.parametrize(
    ("rule", "text"),
    [
        (LOFT, "12 månaders uppsägning till 1 februari"),
        (FIXED, "Tidsbegränsat, ingen uppsägning"),
        (HUDDINGE, "6 månaders uppsägning till 31 december"),
        (
            NoticeRule(((12, 31), (6, 30)), 1),
            "1 månads uppsägning till 30 juni eller 31 december",
        ),
        (NoticeRule(notice_months=3), "3 månaders uppsägning"),
        (NoticeRule(), "Ingen uppsägningsregel"),
        (NoticeRule(((1, 1),)), "Uppsägning till 1 januari utan uppsägningstid"),
    ],
)
def test_format_notice_rule(rule: NoticeRule, text: str) -> None:
    assert format_notice_rule(rule) == text


@pytest.mark.parametrize(
    ("text", "points"),
    [
        ("02-01, 12-31", ((2, 1), (12, 31))),
        ("12-31; 02-01", ((2, 1), (12, 31))),
        ("02-01 12-31", ((2, 1), (12, 31))),
        ("--02-01", ((2, 1),)),
        ("0201", ((2, 1),)),
        ("1 februari", ((2, 1),)),
        ("31 dec och 30 juni", ((6, 30), (12, 31))),
        ("", ()),
        ("2-1, 02-01", ((2, 1),)),
    ],
)
def test_parse_termination_points(text: str, points: tuple[tuple[int, int], ...]) -> None:
    assert parse_termination_points(text) == points


@pytest.mark.parametrize("text", ["13-01", "02-30", "1 ma", "foo", "2024-02-01"])
def test_parse_termination_points_rejects(text: str) -> None:
    with pytest.raises(DomainError) as info:
        parse_termination_points(text)
    assert str(info.value).startswith("Uppsägningsdatum: ")


points = st.lists(
    st.tuples(st.integers(1, 12), st.integers(1, 28)), min_size=1, max_size=4, unique=True
).map(lambda ps: tuple(sorted(ps)))


@given(points, st.integers(0, 36), st.dates(date(2000, 1, 1), date(2100, 1, 1)))
def test_options_are_ordered_and_in_time(
    pts: tuple[tuple[int, int], ...], months: int, today: date
) -> None:
    rule = NoticeRule(pts, months)
    opts = termination_options(rule, today, None, count=3)
    assert len(opts) == 3
    assert [o.termination_date for o in opts] == sorted({o.termination_date for o in opts})
    for o in opts:
        assert (o.termination_date.month, o.termination_date.day) in pts
        assert o.notice_deadline == notice_deadline(o.termination_date, months)
        assert o.notice_deadline >= today
    assert end_after_notice(rule, today) == opts[0].termination_date
