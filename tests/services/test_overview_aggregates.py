"""The overview's and the budget's figures, grouped and summed in the database (issue #7: the
overview at 50 000 activities), give what the row-by-row computation gave: compared with a
reference that loads every row and adds up in Python, on the demo data plus edge cases
(agreements that ended, drafts, an activity outside every agreement, amounts on the year
boundaries), on SQLite and on PostgreSQL."""

from __future__ import annotations

import shutil
from collections import defaultdict
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import select

from samverkan_desktop.db.database import Database
from samverkan_desktop.domain import fees, hours, radar
from samverkan_desktop.domain.catalog import (
    LIVE_AGREEMENT_STATUSES,
    AgreementKind,
    AgreementStatus,
    CostKind,
    FundingSource,
    InvoiceStatus,
)
from samverkan_desktop.domain.followup import ActivityKind
from samverkan_desktop.domain.stages import Stage
from samverkan_desktop.models import (
    Activity,
    Agreement,
    Allocation,
    BudgetLine,
    Disbursement,
    ExtraAssignment,
    FeeInvoice,
    HoursEntry,
)
from samverkan_desktop.services import Services
from samverkan_desktop.services.agreements import AgreementInput, fee_terms_of, plan_horizon
from samverkan_desktop.services.budget import YearSummary
from samverkan_desktop.services.deadlines import collect
from samverkan_desktop.services.demo import load_demo
from samverkan_desktop.services.portfolio import ActivityInput, BudgetCell

TODAY = date(2026, 11, 28)


@pytest.fixture(scope="module", params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def rich(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory,
         sqlite_template: Path) -> Iterator[Services]:
    """The demo data, and what it lacks for these sums; built once per backend (the tests only read)."""
    if request.param == "sqlite":
        path = tmp_path_factory.mktemp("rich") / "rich.sqlite"
        shutil.copyfile(sqlite_template, path)
        database = Database(path)
        yield _fill(Services.build(database))
        database.dispose()
    else:
        from ..conftest import _pg_database

        databases = _pg_database(request.getfixturevalue("pg_template"))
        yield _fill(Services.build(next(databases)))
        databases.close()


def _fill(sv: Services) -> Services:
    load_demo(sv, TODAY)
    own = sv.agreements.get(sv.agreements.titles()[0][0]).data.our_organisation_id

    def agreement(title: str, start: date, end: date | None, status: AgreementStatus, **kw: object) -> int:
        return sv.agreements.create(AgreementInput(kind=AgreementKind.SAMVERKANSAVTAL, title=title,
                                                   our_organisation_id=own, start=start, end=end, status=status,
                                                   **kw), TODAY)  # type: ignore[arg-type]

    ended = agreement("Avtal som löpt ut", date(2020, 1, 1), date(2025, 12, 31), AgreementStatus.AKTIVT,
                      annual_fee_ore=10_000_000, invoices_per_year=4, in_advance=False,
                      included_minutes_per_year=6000, list_price_per_hour_ore=150_000, discount_bp=1000)
    agreement("Utkast utan slut", date(2026, 1, 1), None, AgreementStatus.UTKAST, annual_fee_ore=5_000_000)
    agreement("Uppsagt avtal", date(2024, 7, 1), date(2027, 6, 30), AgreementStatus.UPPSAGT)
    agreement("Slutar i dag", date(2024, 1, 1), TODAY, AgreementStatus.BESLUTAT)
    for i, inv in enumerate(sv.agreements.invoices(ended)):
        if i % 3 == 1:
            sv.agreements.set_invoice_status(inv.id, InvoiceStatus.FAKTURERAD, TODAY, f"F-{i}")
        elif i % 3 == 2:
            sv.agreements.set_invoice_status(inv.id, InvoiceStatus.FAKTURERAD, TODAY, f"F-{i}")
            sv.agreements.set_invoice_status(inv.id, InvoiceStatus.BETALD, TODAY)
    # hours and extra work on both sides of a new year
    for day, minutes in ((date(2025, 12, 31), 4000), (date(2026, 1, 1), 3000), (date(2026, 12, 31), 90)):
        sv.agreements.add_hours(ended, day, minutes)
    sv.agreements.add_extra_assignment(ended, "Extra analys", date(2025, 12, 31), 120)
    sv.agreements.add_extra_assignment(ended, "Extra seminarium", date(2026, 1, 1), 60)
    # an activity under an agreement: money on the year boundaries
    act = sv.portfolio.create(ActivityInput(kind=ActivityKind.PROJEKT, title="Gränsfall", agreement_id=ended),
                              TODAY, stage=Stage.PAGAENDE,
                              budget=[BudgetCell(2025, CostKind.LON, FundingSource.KOMMUN_KONTANT, 40_000_00),
                                      BudgetCell(2026, CostKind.RESOR, FundingSource.NATURAINSATS, 12_500_00),
                                      BudgetCell(2027, CostKind.LON, FundingSource.EXTERN, 7_000_00)])
    sv.portfolio.record_signature(act, rektor_on=date(2025, 11, 1), municipality_on=date(2025, 11, 2))
    sv.portfolio.add_allocation(act, 2025, FundingSource.KOMMUN_KONTANT, 30_000_00)
    sv.portfolio.add_allocation(act, 2026, FundingSource.KOMMUN_KONTANT, 20_000_00)
    sv.portfolio.add_allocation(act, 2026, FundingSource.EXTERN, 5_000_00)
    for day, amount in ((date(2025, 12, 31), 10_000_00), (date(2026, 1, 1), 8_000_00), (date(2026, 12, 31), 1_00)):
        sv.portfolio.record_disbursement(act, day, FundingSource.KOMMUN_KONTANT, amount)
    # an activity outside every agreement: its money is in no agreement's figures
    orphan = sv.portfolio.create(ActivityInput(kind=ActivityKind.FORSTUDIE, title="Utan avtal"), TODAY,
                                 stage=Stage.PAGAENDE,
                                 budget=[BudgetCell(2026, CostKind.LON, FundingSource.KOMMUN_KONTANT, 99_000_00)])
    sv.portfolio.record_signature(orphan, rektor_on=date(2026, 2, 1), municipality_on=date(2026, 2, 2))
    sv.portfolio.add_allocation(orphan, 2026, FundingSource.KOMMUN_KONTANT, 99_000_00)
    sv.portfolio.record_disbursement(orphan, date(2026, 3, 1), FundingSource.KOMMUN_KONTANT, 77_000_00)
    return sv


def reference_overview(sv: Services, today: date, agreement_id: int | None = None,
                       year: int | None = None) -> list[YearSummary]:
    """The budget rows computed from every row, one by one (the computation before issue #7)."""
    cell: dict[tuple[int, int], dict[str, object]] = defaultdict(lambda: {
        "inv": [0, 0, 0], "budget": defaultdict(int), "alloc": defaultdict(int), "disb": 0, "used": 0, "extra": 0})
    with sv.db.reading() as s:
        agreements = [a for a in s.scalars(select(Agreement).order_by(Agreement.start, Agreement.id))
                      if agreement_id is None or a.id == agreement_id]
        of_activity = {a.id: a.agreement_id for a in s.scalars(select(Activity))}
        for i in s.scalars(select(FeeInvoice)):
            f = cell[(i.agreement_id, i.year)]["inv"]
            f[0] += i.amount_ore  # type: ignore[index]
            f[1] += i.amount_ore if i.status != InvoiceStatus.PLANERAD.name else 0  # type: ignore[index]
            f[2] += i.amount_ore if i.status == InvoiceStatus.BETALD.name else 0  # type: ignore[index]
        for b in s.scalars(select(BudgetLine)):
            if of_activity[b.activity_id] is not None:
                cell[(of_activity[b.activity_id], b.year)]["budget"][FundingSource[b.source]] += b.amount_ore  # type: ignore[index]
        for x in s.scalars(select(Allocation)):
            if of_activity[x.activity_id] is not None:
                cell[(of_activity[x.activity_id], x.year)]["alloc"][FundingSource[x.source]] += x.amount_ore  # type: ignore[index]
        for d in s.scalars(select(Disbursement)):
            if of_activity[d.activity_id] is not None:
                cell[(of_activity[d.activity_id], d.paid_on.year)]["disb"] += d.amount_ore  # type: ignore[operator]
        for h in s.scalars(select(HoursEntry)):
            cell[(h.agreement_id, h.worked_on.year)]["used"] += h.minutes  # type: ignore[operator]
        for e in s.scalars(select(ExtraAssignment)):
            cell[(e.agreement_id, e.ordered_on.year)]["extra"] += e.price_ore  # type: ignore[operator]
        rows = []
        for a in agreements:
            plan = [] if a.annual_fee_ore == 0 else fees.invoice_plan(
                a.start, a.end, fee_terms_of(a), horizon=plan_horizon(a.start, today))
            for y in sorted(y for (aid, y) in list(cell) if aid == a.id):
                if year is not None and y != year:
                    continue
                c = cell[(a.id, y)]
                included = hours.included_minutes(plan, y, a.included_minutes_per_year) if plan else 0
                quota = hours.quota_status(included, c["used"])  # type: ignore[arg-type]
                inv = c["inv"]
                rows.append(YearSummary(
                    agreement_id=a.id, agreement=a.title, year=y, fees_planned_ore=inv[0],  # type: ignore[index]
                    fees_invoiced_ore=inv[1], fees_paid_ore=inv[2],  # type: ignore[index]
                    budget_by_source=dict(c["budget"]), allocated_by_source=dict(c["alloc"]),  # type: ignore[call-overload]
                    disbursed_ore=c["disb"], extra_work_ore=c["extra"], included_minutes=included,  # type: ignore[arg-type]
                    used_minutes=c["used"], quota=quota,  # type: ignore[arg-type]
                    excess_price_ore=hours.excess_price_ore(quota, a.list_price_per_hour_ore, a.discount_bp)))
        return rows


def test_budget_overview_matches_the_row_by_row_sums(rich: Services) -> None:
    ids = [aid for aid, _ in rich.agreements.titles()]
    assert len(ids) == 7
    for today in (TODAY, date(2024, 3, 1)):
        everything = reference_overview(rich, today)
        assert rich.budget.overview(today).rows == everything
        for agreement_id in (None, *ids, 9999):
            for year in (None, 2023, 2025, 2026, 2027, 2040):
                got = rich.budget.overview(today, agreement_id=agreement_id, year=year).rows
                assert got == [r for r in everything if agreement_id in (None, r.agreement_id)
                               and year in (None, r.year)], (today, agreement_id, year)
        assert rich.budget.overview(today, agreement_id=ids[0], year=2026).rows == reference_overview(
            rich, today, ids[0], 2026)
    rows = rich.budget.overview(TODAY).rows
    assert len(rows) > 20
    ended = ids[0]  # started 2020: first in start order
    by_year = {r.year: r for r in rows if r.agreement_id == ended}
    # the boundaries: 31 December counts in its year, 1 January in the next
    assert by_year[2025].disbursed_ore == 10_000_00 and by_year[2026].disbursed_ore == 8_001_00
    assert by_year[2025].used_minutes == 4000 and by_year[2026].used_minutes == 3090
    assert by_year[2025].quota.excess_min == 0 and by_year[2026].included_minutes == 0
    assert by_year[2025].fees_paid_ore > 0 and by_year[2025].fees_invoiced_ore > by_year[2025].fees_paid_ore


def test_year_totals_are_the_sums_of_the_year_rows(rich: Services) -> None:
    for year in range(2019, 2030):
        rows = rich.budget.overview(TODAY, year=year).rows
        t = rich.budget.year_totals(year)
        assert (t.year, t.fees_planned_ore, t.fees_invoiced_ore, t.allocated_ore, t.disbursed_ore) == (
            year, sum(r.fees_planned_ore for r in rows), sum(r.fees_invoiced_ore for r in rows),
            sum(r.allocated_ore for r in rows), sum(r.disbursed_ore for r in rows)), year
    # the activity outside every agreement is in no total
    assert rich.budget.year_totals(2026).disbursed_ore == 8_001_00 + sum(
        r.disbursed_ore for r in rich.budget.overview(TODAY, year=2026).rows if r.agreement_id <= 3)


def test_overview_figures_are_those_of_the_lists(rich: Services) -> None:
    """What the overview showed when it counted the agreement and activity lists."""
    for today in (TODAY, date(2025, 12, 31), date(2027, 7, 1)):
        ov = rich.overview.load(today, 90)
        agreements = rich.agreements.list_rows(today)
        activities = rich.portfolio.list_rows(today)
        per_stage: dict[Stage, int] = defaultdict(int)
        for a in activities:
            per_stage[a.stage] += 1
        rows = rich.budget.overview(today, year=today.year).rows
        f = ov.figures
        assert f.year == today.year
        assert f.agreements_total == len(agreements) == 7
        assert f.agreements_active == sum(1 for a in agreements if a.status in LIVE_AGREEMENT_STATUSES
                                          and (a.end is None or a.end >= today))
        assert f.activities_total == len(activities)
        assert f.activities_per_stage == dict(per_stage)
        assert (f.fees_year_ore, f.fees_invoiced_year_ore, f.allocated_year_ore, f.disbursed_year_ore) == (
            sum(r.fees_planned_ore for r in rows), sum(r.fees_invoiced_ore for r in rows),
            sum(r.allocated_ore for r in rows), sum(r.disbursed_ore for r in rows))
        assert ov.deadlines == rich.deadlines.radar(today, 90)
        assert ov.empty is False
    # running: the demo's three, "Uppsagt avtal" and "Slutar i dag" (its last day)
    assert rich.overview.load(TODAY, 90).figures.agreements_active == 5


def test_overview_of_an_empty_database(sv: Services) -> None:
    ov = sv.overview.load(TODAY, 90)
    assert ov.empty
    f = ov.figures
    assert (f.agreements_total, f.agreements_active, f.activities_total, f.activities_per_stage) == (0, 0, 0, {})
    assert (f.fees_year_ore, f.fees_invoiced_year_ore, f.allocated_year_ore, f.disbursed_year_ore) == (0, 0, 0, 0)
    assert ov.deadlines == []


def test_radar_reads_only_its_window_and_lists_the_same(rich: Services) -> None:
    """The radar leaves the reports and meetings after its window out of the query: the same
    deadlines as windowing everything the database implies."""
    for today in (TODAY, date(2026, 1, 1)):
        with rich.db.reading() as s:
            everything = collect(s, today)
        # windows that end exactly on a meeting's or a report's date, and round ones
        edges = {(d.due - today).days for d in everything if d.due >= today
                 and d.kind in (radar.DeadlineKind.MOTE, radar.DeadlineKind.RAPPORT)}
        assert len(edges) > 5
        for days in sorted(edges | {0, 1, 30, 90, 365, 730}):
            assert rich.deadlines.radar(today, days) == radar.radar(everything, today, days), (today, days)
    kinds = {d.kind for d in rich.deadlines.radar(TODAY, 365)}
    assert {radar.DeadlineKind.RAPPORT, radar.DeadlineKind.RAPPORT_FORSENAD, radar.DeadlineKind.MOTE} <= kinds


def test_titles_are_the_list_in_its_order(rich: Services) -> None:
    assert rich.agreements.titles() == [(a.id, a.title) for a in rich.agreements.list_rows(TODAY)]
