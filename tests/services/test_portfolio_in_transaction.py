"""The portfolio's public helpers for saving activities inside a caller's transaction
(`check_activity`, `insert_activity`, `update_activity`, `activity_input`): the service and the
import both save through them, so the same rules hold and a failure rolls everything back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import func, select

from samverkan_desktop.domain.catalog import CostKind, FundingSource
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.models import Activity, BudgetLine, FollowUpReport
from samverkan_desktop.services import Services
from samverkan_desktop.services.common import load
from samverkan_desktop.services.errors import ValidationError
from samverkan_desktop.services.portfolio import (
    ActivityInput,
    BudgetCell,
    activity_input,
    check_activity,
    insert_activity,
    update_activity,
)

TODAY = date(2026, 11, 28)


def test_check_activity_applies_the_services_rules_without_writing(sv: Services) -> None:
    project = sv.portfolio.create(ActivityInput(ActivityKind.PROJEKT, "Projekt"), TODAY)
    with sv.db.reading() as s:
        check_activity(s, ActivityInput(ActivityKind.FORSTUDIE, "Förstudie"))
        cases = [
            (ActivityInput(ActivityKind.FORSTUDIE, " "), "Titel"),
            (ActivityInput(ActivityKind.FORSTUDIE, "X", start=date(2027, 1, 1), end=date(2026, 1, 1)), "Slutdatum"),
            (ActivityInput(ActivityKind.FORSTUDIE, "X", agreement_id=999), "Avtal"),
            (ActivityInput(ActivityKind.FORSTUDIE, "X", responsible_official_id=999), "Ansvarig tjänsteperson"),
            (ActivityInput(ActivityKind.FORSTUDIE, "X", parent_id=project), "Ingår i"),  # a project holds nothing
        ]
        for data, field in cases:
            with pytest.raises(ValidationError) as err:
                check_activity(s, data)
            assert err.value.field == field, data
    program = sv.portfolio.create(ActivityInput(ActivityKind.PROGRAM, "Program"), TODAY)
    with sv.db.reading() as s:
        check_activity(s, ActivityInput(ActivityKind.PROJEKT, "Projekt", parent_id=program), project)
        with pytest.raises(ValidationError, match="ingå i sig själv"):  # editing the program itself
            check_activity(s, ActivityInput(ActivityKind.PROJEKT, "Program", parent_id=program), program)
    assert sorted(r.id for r in sv.portfolio.list_rows(TODAY)) == [project, program]


def test_insert_and_update_in_one_transaction_are_all_or_nothing(sv: Services) -> None:
    budget = [BudgetCell(2027, CostKind.OVRIGT, FundingSource.AVTALSMEDEL, 10_000_000)]
    with sv.db.writing() as s:
        a = insert_activity(s, ActivityInput(ActivityKind.PROJEKT, " Skolgårdar ", start=date(2027, 1, 1),
                                             end=date(2028, 12, 31)), TODAY, stage=Stage.IDE, budget=budget)
        first = int(a.id)  # type: ignore[arg-type]
        assert a.title == "Skolgårdar"  # stored trimmed
    d = sv.portfolio.get(first, TODAY)
    assert d.stage == Stage.IDE and d.budget == budget and d.reports  # the reports are scheduled
    with pytest.raises(ValidationError):
        with sv.db.writing() as s:
            a = load(s, Activity, first, d.version)
            update_activity(s, a, replace(activity_input(a), end=date(2029, 6, 30)), TODAY)
            insert_activity(s, ActivityInput(ActivityKind.FORSTUDIE, "Andra"), TODAY,
                            budget=[BudgetCell(1800, CostKind.OVRIGT, FundingSource.AVTALSMEDEL, 1)])
    with sv.db.reading() as s:  # nothing of the failed transaction was written
        assert s.scalar(select(func.count()).select_from(Activity)) == 1
        assert s.scalar(select(func.count()).select_from(BudgetLine)) == 1
        assert s.get(Activity, first).end == date(2028, 12, 31)  # type: ignore[union-attr]
        dues = sorted(s.scalars(select(FollowUpReport.due).where(FollowUpReport.activity_id == first)))
    assert dues == sorted(r.due for r in d.reports)


def test_activity_input_is_what_the_form_shows(sv: Services) -> None:
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Förstudie", case_number="KS 2026/1"), TODAY)
    with sv.db.reading() as s:
        data = activity_input(s.get(Activity, aid))  # type: ignore[arg-type]
    assert data == sv.portfolio.get(aid, TODAY).data
    assert data.kind == ActivityKind.FORSTUDIE and data.case_number == "KS 2026/1"
