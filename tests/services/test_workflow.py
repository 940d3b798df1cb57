"""The activity workflow: gates, meetings that decide, signatures and the money gate."""

from __future__ import annotations

from datetime import date

import pytest

from samverkan_desktop.domain.cadence import Body
from samverkan_desktop.domain.catalog import AgendaKind, AgreementKind, CostKind, FundingSource, MeetingStatus, OrgKind
from samverkan_desktop.domain.followup import ActivityKind, ReportKind
from samverkan_desktop.domain.money import kronor
from samverkan_desktop.domain.stages import Outcome, Stage
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput
from samverkan_desktop.services.errors import GateError, LockedError, ValidationError
from samverkan_desktop.services.meetings import AgendaItemInput, MeetingInput
from samverkan_desktop.services.portfolio import ActivityInput, BudgetCell

TODAY = date(2026, 11, 28)


def _setup(sv: Services) -> dict[str, int]:
    kom = sv.people.save_organisation("Örebro kommun", OrgKind.KOMMUN, is_own=True)
    uni = sv.people.save_organisation("Örebro universitet", OrgKind.LAROSATE)
    ag = sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title="Samverkansavtal",
                                             our_organisation_id=kom, partner_ids=(uni,), start=date(2025, 1, 1),
                                             end=date(2027, 12, 31)), TODAY)
    return {"kom": kom, "uni": uni, "ag": ag,
            "res": sv.people.save_person("Łukasz Dvořák", "Docent", uni),
            "off": sv.people.save_person("Lena Holm", "Verksamhetsutvecklare", kom)}


def test_prestudy_from_idea_through_beredning_and_styrgrupp_to_running(sv: Services) -> None:
    ids = _setup(sv)
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Trygg skolväg", agreement_id=ids["ag"],
                                            start=date(2027, 1, 1), end=date(2027, 12, 31)), TODAY)
    assert sv.portfolio.get(aid, TODAY).stage == Stage.IDE
    sv.portfolio.advance(aid, TODAY)  # idé → pitch
    sv.portfolio.advance(aid, TODAY)  # pitch → ansökan
    # the gate names exactly what is missing
    with pytest.raises(GateError) as err:
        sv.portfolio.move_stage(aid, Stage.BEREDNING, on=TODAY)
    assert err.value.problems == ["Ansvarig forskare saknas", "Ansvarig tjänsteperson saknas",
                                  "Förankring i förvaltningen är inte bekräftad", "Detaljerad budget saknas"]
    assert sv.portfolio.get(aid, TODAY).stage == Stage.ANSOKAN
    d = sv.portfolio.get(aid, TODAY)
    from dataclasses import replace
    sv.portfolio.update(aid, d.version, replace(d.data, responsible_researcher_id=ids["res"],
                                                responsible_official_id=ids["off"], forankring_confirmed=True,
                                                administration="Vård och omsorg"), TODAY)
    sv.portfolio.set_budget(aid, [BudgetCell(2027, CostKind.LON, FundingSource.AVTALSMEDEL, kronor(200_000)),
                                  BudgetCell(2027, CostKind.LON, FundingSource.NATURAINSATS, kronor(50_000))])
    assert sv.portfolio.get(aid, TODAY).budget_total_ore == kronor(250_000)
    # beredning meeting decides "går vidare", styrgrupp grants: stage and decision history in one go
    bered = sv.meetings.create(MeetingInput(Body.BEREDNING, date(2026, 12, 3), place="Långhuset"))
    eligible = sv.meetings.eligible_cases(bered, TODAY)
    assert [(c.title, c.activity_id) for c in eligible] == [("Trygg skolväg", aid)]
    item = sv.meetings.add_eligible(bered, eligible[0])
    sv.meetings.record_outcome(item, Outcome.VIDARE, "Tillstyrks")
    assert sv.portfolio.get(aid, TODAY).stage == Stage.STYRGRUPP
    styr = sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2026, 12, 17)))
    item2 = sv.meetings.add_eligible(styr, sv.meetings.eligible_cases(styr, TODAY)[0])
    sv.meetings.record_outcome(item2, Outcome.BEVILJAS)
    detail = sv.portfolio.get(aid, TODAY)
    assert detail.stage == Stage.BESLUTSUNDERLAG
    assert [(x.body, x.decided_on, x.paragraph) for x in detail.decisions] == [
        ("kommungemensam beredning", date(2026, 12, 3), "§ 1"), ("styrgrupp", date(2026, 12, 17), "§ 1")]
    # money and start are gated on both signatures
    with pytest.raises(GateError, match="rektor"):
        sv.portfolio.record_disbursement(aid, date(2027, 1, 10), FundingSource.AVTALSMEDEL, kronor(100_000))
    with pytest.raises(GateError, match="undertecknat av rektor"):
        sv.portfolio.move_stage(aid, Stage.PAGAENDE, on=date(2027, 1, 10))
    sv.portfolio.record_signature(aid, rektor_on=date(2027, 1, 5))
    with pytest.raises(GateError, match="kommundirektör"):
        sv.portfolio.move_stage(aid, Stage.PAGAENDE, on=date(2027, 1, 10))
    sv.portfolio.record_signature(aid, municipality_on=date(2027, 1, 8))
    sv.portfolio.record_disbursement(aid, date(2027, 1, 10), FundingSource.AVTALSMEDEL, kronor(100_000))
    sv.portfolio.move_stage(aid, Stage.PAGAENDE, on=date(2027, 1, 10))
    assert sv.portfolio.get(aid, TODAY).stage == Stage.PAGAENDE


def test_reports_follow_the_rules_and_move_with_the_dates(sv: Services) -> None:
    ids = _setup(sv)
    aid = sv.portfolio.create(ActivityInput(ActivityKind.PROJEKT, "P", agreement_id=ids["ag"],
                                            start=date(2023, 1, 1), end=date(2023, 12, 31)), TODAY)
    reps = sv.portfolio.get(aid, TODAY).reports
    assert [(r.kind, r.due) for r in reps] == [(ReportKind.HALVTID, date(2023, 7, 2)), (ReportKind.SLUT, date(2023, 12, 31))]
    d = sv.portfolio.get(aid, TODAY)
    from dataclasses import replace
    sv.portfolio.update(aid, d.version, replace(d.data, end=date(2025, 6, 30)), TODAY)
    reps = sv.portfolio.get(aid, TODAY).reports
    assert [(r.kind, r.due) for r in reps] == [(ReportKind.ARLIG, date(2024, 1, 1)), (ReportKind.ARLIG, date(2025, 1, 1)),
                                               (ReportKind.SLUT, date(2025, 6, 30))]
    assert all(r.overdue for r in reps)


def test_plan_year_paragraphs_and_lock(sv: Services) -> None:
    ids = _setup(sv)
    created = sv.meetings.plan_year(2027, [Body.BEREDNING, Body.STYRGRUPP, Body.RESULTATSPRIDNING])
    assert len(created) == 10
    assert sv.meetings.plan_year(2027, [Body.BEREDNING]) == []  # not doubled
    rows = [m for m in sv.meetings.list_rows(2027) if m.body == Body.STYRGRUPP]
    assert len(rows) == 4 and all(m.held_on.year == 2027 and m.held_on.weekday() < 5 for m in rows)
    first, second = rows[0].id, rows[1].id
    sv.meetings.add_item(first, AgendaItemInput("Information", AgendaKind.INFORMATION))
    sv.meetings.add_item(first, AgendaItemInput("Kommunikationsplan", AgendaKind.BESLUT, agreement_id=ids["ag"]))
    third = sv.meetings.add_item(second, AgendaItemInput("Övrigt"))
    assert [i.paragraph for i in sv.meetings.get(first).items] == [1, 2]
    assert [i.paragraph for i in sv.meetings.get(second).items] == [3]
    for st in (MeetingStatus.KALLAT, MeetingStatus.GENOMFORT):
        sv.meetings.set_status(first, st)
    with pytest.raises(ValidationError, match="§ 2"):
        sv.meetings.set_status(first, MeetingStatus.JUSTERAT)
    item = sv.meetings.get(first).items[1]
    sv.meetings.record_outcome(item.id, Outcome.GODKANNS, "Kommunikationsplanen godkänns")
    sv.meetings.set_status(first, MeetingStatus.JUSTERAT)
    with pytest.raises(LockedError, match="justerat"):
        sv.meetings.add_item(first, AgendaItemInput("För sent"))
    with pytest.raises(LockedError):
        sv.meetings.record_outcome(item.id, Outcome.NOTERAS)
    assert sv.agreements.get(ids["ag"]).decisions[-1].outcome == "Kommunikationsplanen godkänns"
    assert third


def test_outcome_that_does_not_fit_is_refused_atomically(sv: Services) -> None:
    ids = _setup(sv)
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Idé", agreement_id=ids["ag"]), TODAY)
    styr = sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2026, 12, 17)))
    item = sv.meetings.add_item(styr, AgendaItemInput("Idé", AgendaKind.BESLUT, activity_id=aid))
    with pytest.raises(ValidationError, match="passar inte"):
        sv.meetings.record_outcome(item, Outcome.BEVILJAS)
    assert sv.meetings.get(styr).items[0].outcome is None
    assert sv.portfolio.get(aid, TODAY).decisions == []


def test_programs_contain_projects_only(sv: Services) -> None:
    ids = _setup(sv)
    prog = sv.portfolio.create(ActivityInput(ActivityKind.PROGRAM, "Program", agreement_id=ids["ag"]), TODAY)
    proj = sv.portfolio.create(ActivityInput(ActivityKind.PROJEKT, "Projekt", parent_id=prog), TODAY)
    with pytest.raises(ValidationError, match="Ingår i"):
        sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Fel", parent_id=proj), TODAY)
    assert [c.id for c in sv.portfolio.get(prog, TODAY).children] == [proj]


def test_a_long_decision_text_is_referred_to_not_cut(sv: Services) -> None:
    ids = _setup(sv)
    styr = sv.meetings.create(MeetingInput(Body.STYRGRUPP, date(2026, 12, 17)))
    item = sv.meetings.add_item(styr, AgendaItemInput("Kommunikationsplan", AgendaKind.BESLUT,
                                                      agreement_id=ids["ag"]))
    long_text = "Styrgruppen godkänner kommunikationsplanen. " * 20
    sv.meetings.record_outcome(item, Outcome.GODKANNS, long_text)
    assert sv.meetings.get(styr).items[0].decision_text == long_text.strip()
    history = sv.agreements.get(ids["ag"]).decisions[-1]
    assert history.outcome == "Godkänns (beslutstexten i sin helhet i protokollet, § 1)"
