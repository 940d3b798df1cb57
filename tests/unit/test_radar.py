from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from samverkan_desktop.domain.errors import DomainError
from samverkan_desktop.domain.followup import ReportKind
from samverkan_desktop.domain.money import kronor
from samverkan_desktop.domain.notice import NoticeRule, breach_deadlines
from samverkan_desktop.domain.radar import (
    AgreementTerms,
    Deadline,
    DeadlineKind,
    InvoiceDue,
    MeetingDate,
    ReportDue,
    Urgency,
    agreement_deadlines,
    breach_deadline_items,
    invoice_deadlines,
    meeting_deadlines,
    radar,
    report_deadlines,
    urgency,
)

K = DeadlineKind
LOFT = AgreementTerms(
    id=7,
    title="LOFT",
    partner="RISE",
    start=date(2022, 4, 1),
    end=date(2024, 12, 31),
    status_active=True,
    notice_rule=NoticeRule(termination_points=((2, 1),), notice_months=12),
    extension_lead_months=3,
    notice_given=None,
)


def test_loft_radar_mid_2024_lists_extension_and_end() -> None:
    items = radar(agreement_deadlines(LOFT, date(2024, 6, 1)), date(2024, 6, 1), 365)
    assert [(d.due, d.kind) for d in items] == [
        (date(2024, 9, 30), K.FORLANGNING),
        (date(2024, 12, 31), K.AVTALSSLUT),
    ]
    assert all((d.ref_type, d.ref_id, d.agreement_id) == ("agreement", 7, 7) for d in items)
    assert "LOFT" in items[0].title


def test_loft_notice_deadline_is_on_the_radar_in_2022() -> None:
    today = date(2022, 6, 1)
    items = agreement_deadlines(LOFT, today)
    notice = [d for d in items if d.kind is K.UPPSAGNING]
    assert [d.due for d in notice] == [date(2023, 2, 1)]
    assert "2024-02-01" in notice[0].detail
    assert "12 månaders uppsägning till 1 februari" in notice[0].detail
    assert [d.kind for d in radar(items, today, 365)] == [K.UPPSAGNING]


def test_no_notice_deadlines_when_inactive_fixed_or_notice_given() -> None:
    today = date(2022, 6, 1)
    for agreement in (
        replace(LOFT, status_active=False),
        replace(LOFT, notice_rule=NoticeRule(fixed_term=True)),
    ):
        kinds = [d.kind for d in agreement_deadlines(agreement, today)]
        assert kinds == [K.FORLANGNING, K.AVTALSSLUT]


def test_notice_given_moves_the_end_and_drops_extension() -> None:
    given_notice = replace(LOFT, notice_given=date(2023, 1, 15))
    items = agreement_deadlines(given_notice, date(2023, 2, 1))
    assert [(d.due, d.kind) for d in items] == [(date(2024, 2, 1), K.AVTALSSLUT)]
    assert "Uppsagt 2023-01-15" in items[0].detail


def test_open_ended_agreement_without_extension_rule() -> None:
    open_ended = replace(LOFT, end=None, extension_lead_months=None)
    items = agreement_deadlines(open_ended, date(2030, 3, 1))
    assert [d.kind for d in items] == [K.UPPSAGNING] * 3
    assert items[0].due == date(2031, 2, 1)


def test_breach_items() -> None:
    items = breach_deadline_items(LOFT, breach_deadlines(date(2024, 1, 10), None))
    assert [(d.due, d.kind) for d in items] == [(date(2024, 3, 10), K.BRIST)]


INVOICES = [
    InvoiceDue(1, 7, "LOFT", date(2024, 4, 1), date(2024, 5, 1), kronor(75_000), True, True),
    InvoiceDue(2, 7, "LOFT", date(2024, 7, 1), date(2024, 7, 31), kronor(75_000), True, False),
    InvoiceDue(3, 7, "LOFT", date(2024, 10, 1), date(2024, 10, 31), kronor(75_000), False, False),
]


def test_invoice_deadlines() -> None:
    items = invoice_deadlines(INVOICES)
    assert [(d.due, d.kind, d.ref_id) for d in items] == [
        (date(2024, 7, 31), K.FAKTURA, 2),
        (date(2024, 10, 1), K.FAKTURERING, 3),
    ]
    assert "75 000 kr" in items[0].detail
    assert items[0].agreement_id == 7 and items[0].ref_type == "invoice"


REPORTS = [
    ReportDue(1, 3, "Trygg skolväg", ReportKind.HALVTID, date(2024, 3, 1), None),
    ReportDue(2, 3, "Trygg skolväg", ReportKind.SLUT, date(2024, 9, 1), None),
    ReportDue(3, 4, "Äldreomsorg", ReportKind.ARLIG, date(2024, 1, 1), date(2024, 1, 5)),
]


def test_report_deadlines() -> None:
    items = report_deadlines(REPORTS, date(2024, 6, 1))
    assert [(d.due, d.kind, d.ref_id) for d in items] == [
        (date(2024, 3, 1), K.RAPPORT_FORSENAD, 1),
        (date(2024, 9, 1), K.RAPPORT, 2),
    ]
    assert items[0].title == "Halvtidsrapport: Trygg skolväg"
    assert items[0].ref_type == "report"


def test_meeting_deadlines() -> None:
    meeting = MeetingDate(5, "styrgrupp", "Styrgruppsmöte 2", date(2024, 6, 11), "Stadshuset")
    (item,) = meeting_deadlines([meeting])
    assert (item.due, item.kind, item.title, item.ref_type, item.ref_id) == (
        date(2024, 6, 11), K.MOTE, "Styrgruppsmöte 2", "meeting", 5,
    )  # fmt: skip
    assert item.detail == "styrgrupp, Stadshuset"


def test_radar_keeps_window_and_overdue_reports_and_invoices() -> None:
    today = date(2024, 8, 15)
    items = [
        *agreement_deadlines(LOFT, today),
        *invoice_deadlines(INVOICES),
        *report_deadlines(REPORTS, today),
        *meeting_deadlines([MeetingDate(5, "styrgrupp", "Möte", date(2024, 6, 11), "")]),
    ]
    result = radar(items, today, 90)
    assert [(d.due, d.kind) for d in result] == [
        (date(2024, 3, 1), K.RAPPORT_FORSENAD),
        (date(2024, 7, 31), K.FAKTURA),
        (date(2024, 9, 1), K.RAPPORT),
        (date(2024, 9, 30), K.FORLANGNING),
        (date(2024, 10, 1), K.FAKTURERING),
    ]
    assert [urgency(d, today) for d in result] == [
        Urgency.FORSENAD, Urgency.FORSENAD, Urgency.AKUT, Urgency.SNART, Urgency.SNART,
    ]  # fmt: skip
    with pytest.raises(DomainError):
        radar(items, today, -1)


def test_urgency_boundaries() -> None:
    today = date(2024, 1, 1)

    def at(days: int) -> Urgency:
        return urgency(Deadline(today + timedelta(days=days), K.MOTE, "", "", "meeting", 1), today)

    assert [at(-1), at(0), at(30), at(31), at(90), at(91)] == [
        Urgency.FORSENAD, Urgency.AKUT, Urgency.AKUT, Urgency.SNART, Urgency.SNART,
        Urgency.SENARE,
    ]  # fmt: skip


deadlines = st.builds(
    Deadline,
    due=st.dates(date(2023, 1, 1), date(2026, 1, 1)),
    kind=st.sampled_from(list(DeadlineKind)),
    title=st.text(max_size=5),
    detail=st.just(""),
    ref_type=st.sampled_from(["agreement", "invoice", "report"]),
    ref_id=st.integers(1, 5),
)


@given(
    st.lists(deadlines, max_size=20),
    st.dates(date(2024, 1, 1), date(2025, 1, 1)),
    st.integers(0, 400),
)
def test_radar_properties(items: list[Deadline], today: date, days: int) -> None:
    result = radar(items, today, days)
    assert result == sorted(result, key=lambda d: (d.due, d.kind, d.title))
    for d in items:
        in_window = today <= d.due <= today + timedelta(days=days)
        kept_overdue = d.due < today and d.kind in (K.RAPPORT_FORSENAD, K.FAKTURA)
        assert (d in result) == (in_window or kept_overdue)
