"""The demo data tells the seeds' story and the radar finds its deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_desktop.domain.money import format_money
from samverkan_desktop.domain.radar import DeadlineKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.services import Services
from samverkan_desktop.services.demo import load_demo
from samverkan_desktop.services.errors import ValidationError

TODAY = date(2026, 11, 28)


def test_demo_loads_on_both_backends_and_refuses_twice(sv: Services) -> None:
    load_demo(sv, TODAY)
    assert len(sv.agreements.list_rows(TODAY)) == 3
    with pytest.raises(ValidationError, match="redan data"):
        load_demo(sv, TODAY)


def test_demo_covers_every_stage_and_kind(demo_sv: Services) -> None:
    rows = demo_sv.portfolio.list_rows(TODAY)
    stages = {r.stage for r in rows}
    for st in (Stage.IDE, Stage.PITCH, Stage.ANSOKAN, Stage.BEREDNING, Stage.STYRGRUPP, Stage.BESLUTSUNDERLAG,
               Stage.MEDFINANSIERING, Stage.PAGAENDE, Stage.AVSLUTNING, Stage.AVSLUTAD, Stage.AVSLAG):
        assert st in stages, st
    assert {r.kind.name for r in rows} >= {"FORSTUDIE", "PROJEKT", "PROGRAM", "PROFILOMRADE", "TILLAGGSUPPDRAG"}
    assert any(r.parent_id for r in rows)


def test_demo_loft_terms_and_decision_trail(demo_sv: Services) -> None:
    loft = next(a for a in demo_sv.agreements.list_rows(TODAY) if a.case_number == "KS2021/812")
    d = demo_sv.agreements.get(loft.id)
    assert d.parties[0].org_nr == "556464-6874"
    assert format_money(d.data.annual_fee_ore) == "300 000 kr"
    trail = [(x.body, x.paragraph) for x in d.decisions]
    assert ("Kommunstyrelsens arbetsutskott", "§ 14") in trail and ("Kommunstyrelsen", "§ 229") in trail
    assert any("reserverar sig" in x.reservations for x in d.decisions)


def test_radar_lists_notice_extension_report_and_invoice_deadlines(demo_sv: Services) -> None:
    items = demo_sv.deadlines.radar(TODAY, 365)
    kinds = {d.kind for d in items}
    assert {DeadlineKind.UPPSAGNING, DeadlineKind.FORLANGNING, DeadlineKind.RAPPORT, DeadlineKind.RAPPORT_FORSENAD,
            DeadlineKind.FAKTURERING, DeadlineKind.FAKTURA, DeadlineKind.MOTE} <= kinds
    loft_ext = [d for d in items if d.kind == DeadlineKind.FORLANGNING and "LOFT" in d.title]
    assert [d.due for d in loft_ext] == [date(2027, 9, 30)]
    hud = [d for d in items if d.kind == DeadlineKind.UPPSAGNING and "Huddinge" in d.title]
    assert [d.due for d in hud] == [date(2027, 6, 30)]
    assert items == sorted(items, key=lambda d: (d.due, d.kind, d.title, d.ref_type, d.ref_id))
    near = demo_sv.deadlines.radar(TODAY, 90)
    assert all(d.due <= date(2027, 2, 26) for d in near)


def test_budget_overview_for_loft(demo_sv: Services) -> None:
    loft = next(a for a in demo_sv.agreements.list_rows(TODAY) if a.case_number == "KS2021/812")
    ov = demo_sv.budget.overview(TODAY, agreement_id=loft.id, year=2026)
    (row,) = ov.rows
    assert format_money(row.fees_planned_ore) == "300 000 kr"
    assert format_money(row.fees_paid_ore) == "225 000 kr"  # Q4 invoiced, not yet paid
    assert row.included_minutes == 80 * 60
    assert row.used_minutes == 4 * (7 * 60 + 30) + 5 * 60  # four workshops and one analysis
    assert row.extra_work_ore == 120 * 1450 * 100 * 85 // 100
