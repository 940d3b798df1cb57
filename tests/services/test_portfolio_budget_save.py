"""Saving an activity with its budget is one transaction; rows for the portfolio tree."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from samverkan_desktop.domain.catalog import CostKind, FundingSource
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.money import kronor
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.services import Services
from samverkan_desktop.services.errors import NotFoundError, ValidationError
from samverkan_desktop.services.portfolio import ActivityInput, BudgetCell

TODAY = date(2026, 11, 28)


def test_create_and_update_with_budget_in_one_go(sv: Services) -> None:
    cells = [BudgetCell(2027, CostKind.LON, FundingSource.AVTALSMEDEL, kronor(200_000)),
             BudgetCell(2027, CostKind.RESOR, FundingSource.AVTALSMEDEL, 0)]
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Trygg skolväg"), TODAY, budget=cells)
    d = sv.portfolio.get(aid, TODAY)
    assert d.stage == Stage.IDE
    assert d.budget == [cells[0]]  # zero cells are dropped
    sv.portfolio.update(aid, d.version, replace(d.data, title="Trygg skolväg 2"), TODAY,
                        budget=[BudgetCell(2028, CostKind.LON, FundingSource.NATURAINSATS, kronor(5))])
    d2 = sv.portfolio.get(aid, TODAY)
    assert d2.data.title == "Trygg skolväg 2"
    assert [(c.year, c.amount_ore) for c in d2.budget] == [(2028, 500)]


def test_bad_budget_saves_nothing(sv: Services) -> None:
    aid = sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Trygg skolväg"), TODAY)
    d = sv.portfolio.get(aid, TODAY)
    with pytest.raises(ValidationError) as err:
        sv.portfolio.update(aid, d.version, replace(d.data, title="Nytt namn"), TODAY,
                            budget=[BudgetCell(1800, CostKind.LON, FundingSource.AVTALSMEDEL, 100)])
    assert err.value.field == "Budget, år"
    assert sv.portfolio.get(aid, TODAY).data.title == "Trygg skolväg"
    with pytest.raises(ValidationError):
        sv.portfolio.create(ActivityInput(ActivityKind.FORSTUDIE, "Annan"), TODAY,
                            budget=[BudgetCell(2027, CostKind.LON, FundingSource.AVTALSMEDEL, -1)])
    assert [r.title for r in sv.portfolio.list_rows(TODAY)] == ["Trygg skolväg"]


def test_single_row_and_children(sv: Services) -> None:
    prog = sv.portfolio.create(ActivityInput(ActivityKind.PROGRAM, "Program"), TODAY)
    child = sv.portfolio.create(ActivityInput(ActivityKind.PROJEKT, "Projekt", parent_id=prog), TODAY,
                                budget=[BudgetCell(2027, CostKind.LON, FundingSource.AVTALSMEDEL, kronor(10))])
    sv.portfolio.create(ActivityInput(ActivityKind.PROJEKT, "Fristående"), TODAY)
    assert [r.id for r in sv.portfolio.list_rows(TODAY, parent_id=prog)] == [child]
    row = sv.portfolio.row(child, TODAY)
    assert row == next(r for r in sv.portfolio.list_rows(TODAY) if r.id == child)
    assert row.budget_total_ore == kronor(10) and row.parent_id == prog
    assert [c.id for c in sv.portfolio.get(prog, TODAY).children] == [child]
    with pytest.raises(NotFoundError):
        sv.portfolio.row(9999, TODAY)
