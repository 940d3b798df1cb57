"""Read model of the board's portfolio workbook: everything the sheets need, in a few grouped
queries (no per-row queries), as plain frozen dataclasses. What grows with the portfolio
(activities, reports, decisions, the deadlines of open reports) is streamed from the database in
batches, never held as lists, so memory stays flat.

Also here: the export snapshot (what an export showed, stored in `export_snapshot`) and the
comparison of two snapshots that fills the "Förändringar" sheet (ChangeTracker: both snapshots
go into a scratch SQLite file and are compared there, not in memory).

Money definitions are the same as `services.budget` (the Ekonomi tab): remaining = allocated −
disbursed; co-financing = municipal cash + external funder (budget); in-kind = naturainsats."""

from __future__ import annotations

import json
import zlib
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from itertools import groupby
from operator import attrgetter
from typing import Any

from sqlalchemy import and_, case, delete, desc, extract, func, insert, or_, select
from sqlalchemy.orm import Session, aliased

from ..db.database import Database
from ..domain import notice, radar
from ..domain.cadence import Body
from ..domain.catalog import AgreementKind, AgreementStatus, FundingSource, InvoiceStatus, MeetingStatus
from ..domain.followup import ActivityKind, ReportKind, report_is_overdue
from ..domain.radar import Deadline
from ..domain.stages import (
    ACTIVE_STAGES,
    APPLIED_STAGES,
    DECIDED_STAGES,
    IDEA_STAGES,
    Stage,
)
from ..models import (
    Activity,
    AgendaItem,
    Agreement,
    AgreementParty,
    Allocation,
    BudgetLine,
    Decision,
    Disbursement,
    ExportSnapshot,
    ExtraAssignment,
    FeeInvoice,
    FollowUpReport,
    Meeting,
    Organisation,
    Person,
)
from .agreements import notice_rule_of
from .deadlines import collect, count_open_reports, open_reports
from .errors import NotFoundError, ValidationError

#: Version of the snapshot document; a snapshot of another format is not compared.
SNAPSHOT_FORMAT = 2
#: Snapshots kept per scope (older ones are pruned at each export).
SNAPSHOTS_KEPT = 12
#: How far ahead the Deadlines sheet looks when no year is chosen.
DEADLINE_DAYS = 365
#: Rows fetched per round trip when streaming.
STREAM_BATCH = 2000

#: Stage groups shown as columns on Sammanfattning, in workflow order.
STAGE_GROUPS: tuple[tuple[str, frozenset[Stage]], ...] = (
    ("Idé/pitch", IDEA_STAGES),
    ("Ansökt/beredning", APPLIED_STAGES),
    ("Beviljad", DECIDED_STAGES),
    ("Pågående", ACTIVE_STAGES),
    ("Avslutad", frozenset({Stage.AVSLUTAD})),
    ("Avslag/ej beviljad", frozenset({Stage.AVSLAG, Stage.EJ_BEVILJAD})),
)
CLOSED_STAGES = frozenset({Stage.AVSLUTAD, Stage.AVSLAG, Stage.EJ_BEVILJAD})


def stage_group(stage: Stage) -> str:
    for label, members in STAGE_GROUPS:
        if stage in members:
            return label
    return STAGE_GROUPS[0][0]


# ---- scope ---------------------------------------------------------------------------
@dataclass(frozen=True)
class ExportScope:
    """Which part of the portfolio an export covers (None = all)."""

    year: int | None = None
    agreement_id: int | None = None

    def __post_init__(self) -> None:
        if self.year is not None and not 1990 <= self.year <= 2100:
            raise ValidationError("År", f"{self.year} är inget rimligt år (1990–2100)")

    @property
    def key(self) -> str:
        """Stable key: snapshots are compared only within the same scope."""
        parts = []
        if self.year is not None:
            parts.append(f"år={self.year}")
        if self.agreement_id is not None:
            parts.append(f"avtal={self.agreement_id}")
        return ";".join(parts) or "alla"

    def year_range(self) -> tuple[date, date] | None:
        return None if self.year is None else (date(self.year, 1, 1), date(self.year, 12, 31))


# ---- read models ---------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class AgreementLine:
    id: int
    title: str
    kind: AgreementKind
    status: AgreementStatus
    our_organisation: str
    partners: str
    case_number: str
    start: date
    end: date | None
    annual_fee_ore: int
    invoices_per_year: int
    notice_rule_text: str
    extension_deadline: date | None
    next_deadline: date | None
    next_deadline_text: str
    themes: str
    activity_count: int


@dataclass(frozen=True, slots=True)
class AgreementSummary:
    """One row of Sammanfattning; `agreement_id` None is the row for activities without agreement."""

    agreement_id: int | None
    title: str
    partners: str
    start: date | None
    end: date | None
    status: str
    annual_fee_ore: int
    invoiced_ore: int
    allocated_ore: int
    disbursed_ore: int
    co_financing_ore: int
    in_kind_ore: int
    stage_counts: tuple[int, ...]  # in STAGE_GROUPS order

    @property
    def remaining_ore(self) -> int:
        return self.allocated_ore - self.disbursed_ore

    @property
    def activity_count(self) -> int:
        return sum(self.stage_counts)


@dataclass(frozen=True, slots=True)
class LastDecision:
    body: str
    decided_on: date
    paragraph: str
    outcome: str


@dataclass(frozen=True, slots=True)
class ActivityLine:
    id: int
    version: int
    kind: ActivityKind
    parent_id: int | None
    title: str
    agreement_id: int | None
    agreement: str
    agreement_case_number: str
    administration: str
    official: str
    researcher: str
    stage: Stage
    start: date | None
    end: date | None
    budget_by_source: tuple[int, ...]  # in FundingSource order
    next_report_due: date | None
    case_number: str
    last_decision: LastDecision | None
    allocated_ore: int
    disbursed_ore: int

    @property
    def budget_total_ore(self) -> int:
        return sum(self.budget_by_source)


@dataclass(frozen=True, slots=True)
class EconomyLine:
    """Per agreement, year and source. `source` None: the agreement's fee (and extra work)."""

    agreement_id: int
    agreement: str
    year: int
    source: FundingSource | None
    budget_ore: int = 0
    allocated_ore: int = 0
    disbursed_ore: int = 0
    fees_planned_ore: int = 0
    fees_invoiced_ore: int = 0
    fees_paid_ore: int = 0
    extra_work_ore: int = 0

    @property
    def remaining_ore(self) -> int:
        return self.allocated_ore - self.disbursed_ore


@dataclass(frozen=True, slots=True)
class YearMoney:
    year: int
    budget_ore: int
    allocated_ore: int
    disbursed_ore: int
    fees_invoiced_ore: int


@dataclass(frozen=True, slots=True)
class ReportLine:
    id: int
    activity_id: int
    activity: str
    agreement: str
    kind: ReportKind
    sequence: int
    due: date
    received_on: date | None
    approved: bool | None
    presented_on: date | None
    presented_body: str
    overdue: bool
    days_late: int | None


@dataclass(frozen=True, slots=True)
class MeetingLine:
    """One row of "Möten och beslut": a meeting (kind "möte") or a decision (kind "beslut")."""

    kind: str
    on: date
    body: str
    paragraph: str
    title: str
    agreement: str
    activity_id: int | None
    case_number: str
    decision: str
    reservations: str
    place: str
    status: str
    decision_id: int | None = None


@dataclass(frozen=True)
class ExportHeader:
    scope: ExportScope
    today: date
    scope_text: str
    organisation: str
    agreements: list[AgreementLine]
    summaries: list[AgreementSummary]
    economy: list[EconomyLine]
    per_year: list[YearMoney]
    meetings: list[MeetingLine]
    activity_count: int
    report_count: int
    #: Rows of the Deadlines sheet (streamed by ExportReader.deadlines())
    deadline_count: int
    #: Budget of the activities in scope per source (FundingSource order), for column widths and checks
    budget_totals: tuple[int, ...] = ()
    #: Decisions in scope (streamed by ExportReader.decisions(), merged with `meetings`)
    decision_count: int = 0
    #: The largest activity id in scope (the width of the id columns)
    max_activity_id: int = 0


# ---- the reader ----------------------------------------------------------------------
class ExportReader:
    """Bound to one read session (one consistent view). Build it with ExportDataService.open()."""

    def __init__(self, s: Session, scope: ExportScope, today: date) -> None:
        self.s = s
        self.scope = scope
        self.today = today
        if scope.agreement_id is not None and s.get(Agreement, scope.agreement_id) is None:
            raise NotFoundError(f"Avtalet med id {scope.agreement_id} finns inte.")

    # -- filters
    def _activity_filter(self) -> list[Any]:
        conds: list[Any] = []
        if self.scope.agreement_id is not None:
            conds.append(Activity.agreement_id == self.scope.agreement_id)
        rng = self.scope.year_range()
        if rng is not None:
            first, last = rng
            conds.append(or_(Activity.start.is_(None),
                             and_(Activity.start <= last, or_(Activity.end.is_(None), Activity.end >= first))))
        return conds

    def _agreement_ids(self) -> list[int]:
        q = select(Agreement.id).order_by(Agreement.start, Agreement.id)
        if self.scope.agreement_id is not None:
            q = q.where(Agreement.id == self.scope.agreement_id)
        rng = self.scope.year_range()
        ids = list(self.s.scalars(q))
        if rng is None:
            return ids
        first, last = rng
        overlapping = set(self.s.scalars(select(Agreement.id).where(
            Agreement.start <= last, or_(Agreement.end.is_(None), Agreement.end >= first))))
        used = set(self.s.scalars(select(Activity.agreement_id).where(
            Activity.agreement_id.is_not(None), *self._activity_filter()).distinct()))
        return [i for i in ids if i in overlapping or i in used]

    def header(self) -> ExportHeader:
        """Everything except what grows with the portfolio (activities, reports, decisions and
        deadlines: streamed by their own methods)."""
        s, today = self.s, self.today
        ids = self._agreement_ids()
        agreements = self._agreements(ids)
        economy = self._economy(ids)
        summaries = self._summaries(agreements, economy)
        per_year: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
        for e in economy:
            acc = per_year[e.year]
            acc[0] += e.budget_ore
            acc[1] += e.allocated_ore
            acc[2] += e.disbursed_ore
            acc[3] += e.fees_invoiced_ore
        n_act, max_id = s.execute(select(func.count(), func.max(Activity.id)).where(*self._activity_filter())).one()
        n_rep = s.scalar(select(func.count()).select_from(FollowUpReport).join(
            Activity, Activity.id == FollowUpReport.activity_id).where(*self._report_filter())) or 0
        src_idx = {src.name: n for n, src in enumerate(FundingSource)}
        totals = [0] * len(src_idx)
        for src, amount in s.execute(select(BudgetLine.source, func.sum(BudgetLine.amount_ore)).join(
                Activity, Activity.id == BudgetLine.activity_id).where(*self._activity_filter())
                .group_by(BudgetLine.source)):
            totals[src_idx[src]] += int(amount or 0)
        own = [n for (n,) in s.execute(select(Organisation.name).where(Organisation.is_own.is_(True))
                                       .order_by(Organisation.name))]
        if self.scope.agreement_id is not None:
            ag = s.get(Agreement, self.scope.agreement_id)
            org = s.get(Organisation, ag.our_organisation_id) if ag else None
            own = [org.name] if org else own
        return ExportHeader(
            scope=self.scope, today=today, scope_text=self.scope_text(agreements),
            organisation=", ".join(own), agreements=agreements, summaries=summaries, economy=economy,
            per_year=[YearMoney(y, *v) for y, v in sorted(per_year.items())],
            meetings=self._meetings(ids), activity_count=int(n_act), report_count=int(n_rep),
            deadline_count=len(self._other_deadlines()) + count_open_reports(s, *self._deadline_report_filter()),
            budget_totals=tuple(totals),
            decision_count=self.decision_count(), max_activity_id=int(max_id or 0))

    def scope_text(self, agreements: list[AgreementLine]) -> str:
        parts = []
        if self.scope.agreement_id is not None:
            title = next((a.title for a in agreements if a.id == self.scope.agreement_id), "")
            parts.append(f"avtal: {title}")
        else:
            parts.append("alla avtal")
        parts.append(f"år {self.scope.year}" if self.scope.year is not None else "alla år")
        return ", ".join(parts)

    # -- agreements
    def _agreements(self, ids: list[int]) -> list[AgreementLine]:
        from .deadlines import next_deadline_by_agreement

        s = self.s
        if not ids:
            return []
        partners: dict[int, list[str]] = defaultdict(list)
        for aid, name in s.execute(select(AgreementParty.agreement_id, Organisation.name).join(
                Organisation, Organisation.id == AgreementParty.organisation_id)
                .where(AgreementParty.agreement_id.in_(ids)).order_by(AgreementParty.id)):
            partners[aid].append(name)
        counts = dict(s.execute(select(Activity.agreement_id, func.count()).where(
            Activity.agreement_id.in_(ids), *self._activity_filter()).group_by(Activity.agreement_id)).all())
        nxt = next_deadline_by_agreement(s, self.today)
        own = aliased(Organisation)
        out = []
        order = {i: n for n, i in enumerate(ids)}
        for a, own_name in sorted(s.execute(select(Agreement, own.name).join(own, own.id == Agreement.our_organisation_id)
                                            .where(Agreement.id.in_(ids))).all(),
                                  key=lambda r: order[r[0].id]):
            rule = notice_rule_of(a)
            ext = (notice.extension_deadline(a.end, a.extension_lead_months)
                   if a.end is not None and a.extension_lead_months is not None else None)
            out.append(AgreementLine(
                id=a.id, title=a.title, kind=AgreementKind[a.kind], status=AgreementStatus[a.status],
                our_organisation=own_name or "", partners=", ".join(partners.get(a.id, [])),
                case_number=a.case_number, start=a.start, end=a.end, annual_fee_ore=a.annual_fee_ore,
                invoices_per_year=a.invoices_per_year, notice_rule_text=notice.format_notice_rule(rule),
                extension_deadline=ext, next_deadline=nxt[a.id][0] if a.id in nxt else None,
                next_deadline_text=nxt[a.id][1] if a.id in nxt else "", themes=a.themes,
                activity_count=int(counts.get(a.id, 0))))
        return out

    # -- money
    def _economy(self, ids: list[int]) -> list[EconomyLine]:
        s = self.s
        year = self.scope.year
        titles = dict(s.execute(select(Agreement.id, Agreement.title).where(Agreement.id.in_(ids))).all())
        cells: dict[tuple[int, int, str | None], dict[str, int]] = defaultdict(lambda: defaultdict(int))

        def add(rows: Any, measure: str) -> None:
            for aid, y, src, amount in rows:
                if aid is None or aid not in titles or (year is not None and int(y) != year):
                    continue
                cells[(aid, int(y), src)][measure] += int(amount or 0)

        add(s.execute(select(Activity.agreement_id, BudgetLine.year, BudgetLine.source, func.sum(BudgetLine.amount_ore))
                      .join(Activity, Activity.id == BudgetLine.activity_id).where(Activity.agreement_id.in_(ids))
                      .group_by(Activity.agreement_id, BudgetLine.year, BudgetLine.source)), "budget_ore")
        add(s.execute(select(Activity.agreement_id, Allocation.year, Allocation.source, func.sum(Allocation.amount_ore))
                      .join(Activity, Activity.id == Allocation.activity_id).where(Activity.agreement_id.in_(ids))
                      .group_by(Activity.agreement_id, Allocation.year, Allocation.source)), "allocated_ore")
        py = extract("year", Disbursement.paid_on)
        add(s.execute(select(Activity.agreement_id, py, Disbursement.source, func.sum(Disbursement.amount_ore))
                      .join(Activity, Activity.id == Disbursement.activity_id).where(Activity.agreement_id.in_(ids))
                      .group_by(Activity.agreement_id, py, Disbursement.source)), "disbursed_ore")
        for aid, y, status, amount in s.execute(
                select(FeeInvoice.agreement_id, FeeInvoice.year, FeeInvoice.status, func.sum(FeeInvoice.amount_ore))
                .where(FeeInvoice.agreement_id.in_(ids)).group_by(FeeInvoice.agreement_id, FeeInvoice.year,
                                                                   FeeInvoice.status)):
            if year is not None and int(y) != year:
                continue
            c = cells[(aid, int(y), None)]
            c["fees_planned_ore"] += int(amount)
            if status != InvoiceStatus.PLANERAD.name:
                c["fees_invoiced_ore"] += int(amount)
            if status == InvoiceStatus.BETALD.name:
                c["fees_paid_ore"] += int(amount)
        oy = extract("year", ExtraAssignment.ordered_on)
        add(((aid, y, None, amt) for aid, y, amt in s.execute(
            select(ExtraAssignment.agreement_id, oy, func.sum(ExtraAssignment.price_ore))
            .where(ExtraAssignment.agreement_id.in_(ids)).group_by(ExtraAssignment.agreement_id, oy))),
            "extra_work_ore")
        order = {i: n for n, i in enumerate(ids)}
        src_order = {s_.name: n for n, s_ in enumerate(FundingSource)}
        keys = sorted(cells, key=lambda k: (order[k[0]], k[1], -1 if k[2] is None else src_order.get(k[2], 99)))
        return [EconomyLine(aid, titles[aid], y, FundingSource[src] if src else None, **cells[(aid, y, src)])
                for aid, y, src in keys]

    def _summaries(self, agreements: list[AgreementLine], economy: list[EconomyLine]) -> list[AgreementSummary]:
        s = self.s
        money: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
        for e in economy:
            m = money[e.agreement_id]
            m["invoiced"] += e.fees_invoiced_ore
            m["allocated"] += e.allocated_ore
            m["disbursed"] += e.disbursed_ore
            if e.source in (FundingSource.KOMMUN_KONTANT, FundingSource.EXTERN):
                m["co"] += e.budget_ore
            if e.source == FundingSource.NATURAINSATS:
                m["kind"] += e.budget_ore
        stages: dict[int | None, list[int]] = defaultdict(lambda: [0] * len(STAGE_GROUPS))
        labels = [g for g, _ in STAGE_GROUPS]
        for aid, st, n in s.execute(select(Activity.agreement_id, Activity.stage, func.count()).where(
                *self._activity_filter()).group_by(Activity.agreement_id, Activity.stage)):
            stages[aid][labels.index(stage_group(Stage[st]))] += int(n)
        out = [AgreementSummary(
            agreement_id=a.id, title=a.title, partners=a.partners, start=a.start, end=a.end, status=a.status.value,
            annual_fee_ore=a.annual_fee_ore, invoiced_ore=money[a.id]["invoiced"],
            allocated_ore=money[a.id]["allocated"], disbursed_ore=money[a.id]["disbursed"],
            co_financing_ore=money[a.id]["co"], in_kind_ore=money[a.id]["kind"],
            stage_counts=tuple(stages[a.id])) for a in agreements]
        if None in stages and self.scope.agreement_id is None:
            out.append(self._without_agreement(tuple(stages[None])))
        return out

    def _without_agreement(self, counts: tuple[int, ...]) -> AgreementSummary:
        s, year = self.s, self.scope.year

        def total(model: Any, amount: Any, year_col: Any, *extra: Any) -> int:
            q = (select(func.coalesce(func.sum(amount), 0)).join(Activity, Activity.id == model.activity_id)
                 .where(Activity.agreement_id.is_(None), *extra))
            if year is not None:
                q = q.where(year_col == year)
            return int(s.scalar(q) or 0)

        return AgreementSummary(
            agreement_id=None, title="Utan avtal", partners="", start=None, end=None, status="",
            annual_fee_ore=0, invoiced_ore=0,
            allocated_ore=total(Allocation, Allocation.amount_ore, Allocation.year),
            disbursed_ore=total(Disbursement, Disbursement.amount_ore, extract("year", Disbursement.paid_on)),
            co_financing_ore=total(BudgetLine, BudgetLine.amount_ore, BudgetLine.year, BudgetLine.source.in_(
                [FundingSource.KOMMUN_KONTANT.name, FundingSource.EXTERN.name])),
            in_kind_ore=total(BudgetLine, BudgetLine.amount_ore, BudgetLine.year,
                              BudgetLine.source == FundingSource.NATURAINSATS.name),
            stage_counts=counts)

    # -- activities (streamed)
    def activities(self) -> Iterator[ActivityLine]:
        """Activities in scope, grouped by agreement, each program followed by its projects."""
        s = self.s
        researcher, official = aliased(Person), aliased(Person)
        sources = list(FundingSource)
        budget = (select(BudgetLine.activity_id, *[
            func.sum(case((BudgetLine.source == src.name, BudgetLine.amount_ore), else_=0)).label(f"b{n}")
            for n, src in enumerate(sources)]).group_by(BudgetLine.activity_id).subquery())
        nxt = (select(FollowUpReport.activity_id, func.min(FollowUpReport.due).label("due"))
               .where(FollowUpReport.received_on.is_(None)).group_by(FollowUpReport.activity_id).subquery())
        rn = func.row_number().over(partition_by=Decision.activity_id,
                                    order_by=(desc(Decision.decided_on), desc(Decision.id))).label("rn")
        dec = (select(Decision.activity_id, Decision.body, Decision.decided_on, Decision.paragraph, Decision.outcome, rn)
               .where(Decision.activity_id.is_not(None)).subquery())
        alloc = (select(Allocation.activity_id, func.sum(Allocation.amount_ore).label("amt"))
                 .group_by(Allocation.activity_id).subquery())
        disb = (select(Disbursement.activity_id, func.sum(Disbursement.amount_ore).label("amt"))
                .group_by(Disbursement.activity_id).subquery())
        root = func.coalesce(Activity.parent_id, Activity.id)
        q = (select(Activity.id, Activity.version, Activity.kind, Activity.parent_id, Activity.title,
                    Activity.agreement_id, Agreement.title, Agreement.case_number, Activity.administration,
                    official.name, researcher.name, Activity.stage, Activity.start, Activity.end,
                    *[budget.c[f"b{n}"] for n in range(len(sources))], nxt.c.due, Activity.case_number,
                    dec.c.body, dec.c.decided_on, dec.c.paragraph, dec.c.outcome, alloc.c.amt, disb.c.amt)
             .outerjoin(Agreement, Agreement.id == Activity.agreement_id)
             .outerjoin(researcher, researcher.id == Activity.responsible_researcher_id)
             .outerjoin(official, official.id == Activity.responsible_official_id)
             .outerjoin(budget, budget.c.activity_id == Activity.id)
             .outerjoin(nxt, nxt.c.activity_id == Activity.id)
             .outerjoin(dec, and_(dec.c.activity_id == Activity.id, dec.c.rn == 1))
             .outerjoin(alloc, alloc.c.activity_id == Activity.id)
             .outerjoin(disb, disb.c.activity_id == Activity.id)
             .where(*self._activity_filter())
             .order_by(Agreement.id.is_(None), Agreement.start, Agreement.id, root,
                       Activity.parent_id.is_not(None), Activity.id))
        k = len(sources)
        for r in s.execute(q.execution_options(yield_per=STREAM_BATCH)):
            last = (LastDecision(r[16 + k], r[17 + k], r[18 + k] or "", r[19 + k] or "")
                    if r[17 + k] is not None else None)
            yield ActivityLine(
                id=r[0], version=r[1], kind=ActivityKind[r[2]], parent_id=r[3], title=r[4], agreement_id=r[5],
                agreement=r[6] or "", agreement_case_number=r[7] or "", administration=r[8], official=r[9] or "",
                researcher=r[10] or "", stage=Stage[r[11]], start=r[12], end=r[13],
                budget_by_source=tuple(int(v or 0) for v in r[14:14 + k]), next_report_due=r[14 + k],
                case_number=r[15 + k], last_decision=last,
                allocated_ore=int(r[20 + k] or 0), disbursed_ore=int(r[21 + k] or 0))

    # -- reports (streamed)
    def _report_filter(self) -> list[Any]:
        """Reports of the scope's agreement; with a year, the reports due that year."""
        if self.scope.year is None:
            return self._activity_filter()
        conds: list[Any] = [extract("year", FollowUpReport.due) == self.scope.year]
        if self.scope.agreement_id is not None:
            conds.append(Activity.agreement_id == self.scope.agreement_id)
        return conds

    def reports(self) -> Iterator[ReportLine]:
        s, today = self.s, self.today
        q = (select(FollowUpReport.id, FollowUpReport.activity_id, Activity.title, Agreement.title, FollowUpReport.kind,
                    FollowUpReport.sequence, FollowUpReport.due, FollowUpReport.received_on, FollowUpReport.approved,
                    Meeting.held_on, Meeting.body)
             .join(Activity, Activity.id == FollowUpReport.activity_id)
             .outerjoin(Agreement, Agreement.id == Activity.agreement_id)
             .outerjoin(Meeting, Meeting.id == FollowUpReport.presented_meeting_id)
             .where(*self._report_filter())
             .order_by(FollowUpReport.due, FollowUpReport.activity_id, FollowUpReport.id))
        for r in s.execute(q.execution_options(yield_per=STREAM_BATCH)):
            overdue = report_is_overdue(r[6], r[7], today)
            yield ReportLine(id=r[0], activity_id=r[1], activity=r[2], agreement=r[3] or "", kind=ReportKind[r[4]],
                             sequence=r[5], due=r[6], received_on=r[7], approved=r[8], presented_on=r[9],
                             presented_body=Body[r[10]].value if r[10] else "", overdue=overdue,
                             days_late=(today - r[6]).days if overdue else None)

    # -- meetings and decisions
    def _meetings(self, agreement_ids: list[int]) -> list[MeetingLine]:
        s, scope = self.s, self.scope
        titles = dict(s.execute(select(Agreement.id, Agreement.title)).all())
        counts = select(AgendaItem.meeting_id, func.count().label("n")).group_by(AgendaItem.meeting_id).subquery()
        mq = select(Meeting, counts.c.n).outerjoin(counts, counts.c.meeting_id == Meeting.id)
        if scope.agreement_id is not None:
            mq = mq.where(Meeting.agreement_id == scope.agreement_id)
        if scope.year is not None:
            mq = mq.where(extract("year", Meeting.held_on) == scope.year)
        out: list[MeetingLine] = []
        for m, n in s.execute(mq):
            body = Body[m.body].value
            items = "" if not n else ("1 ärende" if int(n) == 1 else f"{int(n)} ärenden")
            out.append(MeetingLine("möte", m.held_on, body, "", m.title or body.capitalize(),
                                   titles.get(m.agreement_id, "") if m.agreement_id else "", None, "", items, "",
                                   m.place, MeetingStatus[m.status].value))
        out.sort(key=lambda m: (m.on, m.body, m.title))
        return out

    def _decision_query(self) -> Any:
        scope = self.scope
        act = aliased(Activity)
        dq = (select(Decision.id, Decision.agreement_id, Decision.activity_id, Decision.body, Decision.decided_on,
                     Decision.paragraph, Decision.case_number, Decision.outcome, Decision.reservations, act.title,
                     act.agreement_id)
              .outerjoin(act, act.id == Decision.activity_id))
        if scope.agreement_id is not None:
            dq = dq.where(or_(Decision.agreement_id == scope.agreement_id, act.agreement_id == scope.agreement_id))
        if scope.year is not None:
            dq = dq.where(extract("year", Decision.decided_on) == scope.year)
        return dq

    def decision_count(self) -> int:
        return int(self.s.scalar(select(func.count()).select_from(self._decision_query().subquery())) or 0)

    def decisions(self) -> Iterator[MeetingLine]:
        """Decisions in scope, by date (streamed: they grow with the portfolio)."""
        titles = dict(self.s.execute(select(Agreement.id, Agreement.title)).all())
        q = self._decision_query().order_by(Decision.decided_on, Decision.id)
        for (did, ag_id, act_id, body, on, para, case_no, outcome, res, act_title, act_agreement) in self.s.execute(
                q.execution_options(yield_per=STREAM_BATCH)):
            aid = ag_id if ag_id is not None else act_agreement
            subject = act_title if act_id is not None else titles.get(ag_id, "")
            yield MeetingLine("beslut", on, body, para, subject or "", titles.get(aid, "") if aid else "", act_id,
                              case_no, outcome, res, "", "", did)

    def meetings_and_decisions(self, meetings: list[MeetingLine]) -> Iterator[MeetingLine]:
        """The rows of "Möten och beslut": meetings and decisions merged by date (a meeting first)."""
        import heapq

        merged = heapq.merge(((m.on, 0, n, m) for n, m in enumerate(meetings)),
                             ((d.on, 1, n, d) for n, d in enumerate(self.decisions())))
        return (item[3] for item in merged)

    # -- deadlines (streamed: the overdue reports among them grow with the portfolio)
    def _deadline_window(self, items: Iterable[Deadline]) -> list[Deadline]:
        """The scope's deadlines among `items`, in the radar's order: with a year, that year's;
        otherwise the next DEADLINE_DAYS days, plus overdue reports and unpaid invoices."""
        if self.scope.year is None:
            return radar.radar(items, self.today, DEADLINE_DAYS)
        return sorted((d for d in items if d.due.year == self.scope.year),
                      key=lambda d: (d.due, d.kind, d.title, d.ref_type, d.ref_id))

    def _deadline_report_filter(self) -> list[Any]:
        """The scope's open reports in SQL: exactly those whose deadlines `_deadline_window` keeps
        (a report not received is kept when due within the window, or overdue)."""
        conds: list[Any] = []
        if self.scope.agreement_id is not None:
            conds.append(Activity.agreement_id == self.scope.agreement_id)
        rng = self.scope.year_range()
        if rng is None:
            conds.append(FollowUpReport.due <= self.today + timedelta(days=DEADLINE_DAYS))
        else:
            conds.append(FollowUpReport.due.between(*rng))
        return conds

    def _other_deadlines(self) -> list[Deadline]:
        """The deadlines of agreements, invoices and meetings in scope (a few per agreement)."""
        s, scope = self.s, self.scope
        window = self._deadline_window(collect(s, self.today, reports=False))
        if scope.agreement_id is None:
            return window
        meeting_agreement = dict(s.execute(select(Meeting.id, Meeting.agreement_id).where(
            Meeting.agreement_id == scope.agreement_id)).all())

        def agreement_of(d: Deadline) -> int | None:
            return meeting_agreement.get(d.ref_id) if d.ref_type == "meeting" else d.agreement_id

        return [d for d in window if agreement_of(d) == scope.agreement_id]

    def deadlines(self) -> Iterator[Deadline]:
        """The Deadlines sheet's rows, in the radar's order (date first): the deadlines of
        agreements, invoices and meetings merged with the reports', which are streamed from the
        database a due date at a time. (Each call reads them afresh.)"""
        others = self._other_deadlines()
        n = 0
        reports = open_reports(self.s, *self._deadline_report_filter(), by_due=True)
        for due, group in groupby(reports, key=attrgetter("due")):
            while n < len(others) and others[n].due < due:
                yield others[n]
                n += 1
            same_day = []
            while n < len(others) and others[n].due == due:
                same_day.append(others[n])
                n += 1
            yield from self._deadline_window(radar.report_deadlines(group, self.today) + same_day)
        yield from others[n:]


class ExportDataService:
    def __init__(self, db: Database) -> None:
        self.db = db

    @contextmanager
    def open(self, scope: ExportScope, today: date) -> Iterator[ExportReader]:
        """One read session for the whole export (a consistent view while the sheets are written)."""
        with self.db.reading() as s:
            yield ExportReader(s, scope, today)

    # ---- snapshots -------------------------------------------------------------------
    def latest_snapshot(self, scope: ExportScope) -> tuple[SnapshotInfo, bytes | None] | None:
        """The newest snapshot of the scope: its facts, and its document (None when it is of
        another format; ChangeTracker reads it)."""
        with self.db.reading() as s:
            row = s.execute(select(ExportSnapshot.id, ExportSnapshot.created_at, ExportSnapshot.created_by,
                                   ExportSnapshot.as_of, ExportSnapshot.activity_count, ExportSnapshot.format)
                            .where(ExportSnapshot.scope == scope.key)
                            .order_by(desc(ExportSnapshot.id)).limit(1)).one_or_none()
            if row is None:
                return None
            info = SnapshotInfo(*row[:5])
            if row[5] != SNAPSHOT_FORMAT:
                return info, None
            return info, bytes(s.scalar(select(ExportSnapshot.data).where(ExportSnapshot.id == info.id)))

    def save_snapshot(self, scope: ExportScope, today: date, data: bytes, activity_count: int,
                      user: str = "") -> int:
        """Store a snapshot (Core insert: no change-log rows for a blob) and prune old ones."""
        with self.db.writing() as s:
            new_id = s.execute(insert(ExportSnapshot).values(
                created_by=(user or s.info.get("user") or _user())[:100], scope=scope.key, as_of=today,
                created_at=datetime.now().astimezone(), activity_count=activity_count,
                format=SNAPSHOT_FORMAT, data=data).returning(ExportSnapshot.id)).scalar_one()
            keep = list(s.scalars(select(ExportSnapshot.id).where(ExportSnapshot.scope == scope.key)
                                  .order_by(desc(ExportSnapshot.id)).limit(SNAPSHOTS_KEPT)))
            s.execute(delete(ExportSnapshot).where(ExportSnapshot.scope == scope.key, ExportSnapshot.id.not_in(keep)))
            return int(new_id)


def _user() -> str:
    from ..db.audit import current_user

    return current_user()


@dataclass(frozen=True)
class SnapshotInfo:
    id: int
    created_at: datetime
    created_by: str
    as_of: date
    activity_count: int


# ---- snapshot documents and their comparison -----------------------------------------
# A snapshot is zlib-compressed JSON lines, written while the sheets stream:
#   {"format": 2, "as_of": "2026-11-28"}
#   ["g", id, title, status, end, annual_fee]
#   ["a", id, title, stage, start, end, [budget per source], allocated, disbursed, kind]
#   ["d", decision_id]
#   ["t", "KIND|ref_type|ref_id|n", due, title]
# Neither the previous snapshot nor the new one is held in memory as Python objects: both go
# into a scratch database (a private temporary SQLite file) as the rows stream, and the
# comparison is a few joins there, so memory stays flat however big the portfolio is.
def _d(value: date | None) -> str | None:
    return value.isoformat() if value else None


_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def _activity_entry(a: ActivityLine) -> list[Any]:
    return ["a", a.id, a.title, a.stage.name, _d(a.start), _d(a.end), list(a.budget_by_source), a.allocated_ore,
            a.disbursed_ore, a.kind.name]


def _valid_activity(entry: Any) -> bool:
    return (isinstance(entry, list) and len(entry) == 10 and isinstance(entry[1], int) and isinstance(entry[6], list)
            and all(isinstance(v, int) for v in entry[6]))


def snapshot_items(data: bytes, *, lines: bool = False) -> Iterator[Any]:
    """The items of a snapshot document, decompressed and parsed a piece at a time (raises
    zlib.error, ValueError or UnicodeDecodeError when the document is damaged). With `lines`,
    (line as text, item) pairs."""
    z = zlib.decompressobj()
    rest = b""

    def parse(chunk: list[bytes]) -> Iterator[Any]:
        for raw in chunk:
            if raw:
                text = raw.decode("utf-8")
                yield (text, json.loads(text)) if lines else json.loads(text)

    for n in range(0, len(data), 1 << 16):
        rest += z.decompress(data[n:n + (1 << 16)])
        *complete, rest = rest.split(b"\n")
        yield from parse(complete)
    rest += z.flush()
    if not z.eof:
        raise ValueError("the snapshot document is cut short")
    yield from parse(rest.split(b"\n"))


@dataclass(frozen=True, slots=True)
class Change:
    """One row of Förändringar. `before`/`after` are str, date or int öre (when `money`)."""

    kind: str
    entity: str
    ref_id: int | None
    title: str
    before: Any = None
    after: Any = None
    money: bool = False
    detail: str = ""

    @property
    def diff_ore(self) -> int | None:
        if self.money and isinstance(self.before, int) and isinstance(self.after, int):
            return self.after - self.before
        return None


_KIND_ORDER = ("Ny aktivitet", "Avslutad", "Stegbyte", "Ändrad titel", "Ändrad period", "Ändrat belopp",
               "Nytt beslut", "Flyttad tidsfrist", "Ändrat avtal", "Nytt avtal", "Borta ur urvalet")
_KIND_RANK = {k: n for n, k in enumerate(_KIND_ORDER)}


def _date(text: Any) -> date | None:
    try:
        return date.fromisoformat(text) if isinstance(text, str) else None
    except ValueError:
        return None


def _stage_text(name: Any) -> str:
    try:
        return Stage[name].value
    except (KeyError, TypeError):
        return str(name)


def compare_activity(p: list[Any] | None, c: list[Any]) -> list[Change]:
    """Changes of one activity between two snapshot entries (p None: new)."""
    aid, title = c[1], c[2]
    if p is None:
        return [Change("Ny aktivitet", "aktivitet", aid, title, None, _stage_text(c[3]))]
    out = []
    if p[3] != c[3]:
        closed = c[3] in Stage.__members__ and Stage[c[3]] in CLOSED_STAGES
        out.append(Change("Avslutad" if closed else "Stegbyte", "aktivitet", aid, title, _stage_text(p[3]),
                          _stage_text(c[3])))
    if p[2] != c[2]:
        out.append(Change("Ändrad titel", "aktivitet", aid, title, p[2], c[2]))
    for idx, label in ((4, "start"), (5, "slut")):
        if p[idx] != c[idx]:
            out.append(Change("Ändrad period", "aktivitet", aid, title, _date(p[idx]), _date(c[idx]), detail=label))
    if len(p[6]) == len(c[6]):
        for n, src in enumerate(FundingSource):
            if p[6][n] != c[6][n]:
                out.append(Change("Ändrat belopp", "aktivitet", aid, title, int(p[6][n]), int(c[6][n]), True,
                                  f"budget, {src.value}"))
    for idx, label in ((7, "tilldelat"), (8, "överfört")):
        if p[idx] != c[idx]:
            out.append(Change("Ändrat belopp", "aktivitet", aid, title, int(p[idx]), int(c[idx]), True, label))
    return out


def _encode_change(c: Change) -> str:
    def value(v: Any) -> Any:
        return {"d": v.isoformat()} if isinstance(v, date) else v

    return _dumps([c.kind, c.entity, c.ref_id, c.title, value(c.before), value(c.after), c.money, c.detail])


def _decode_change(text: str) -> Change:
    def value(v: Any) -> Any:
        return date.fromisoformat(v["d"]) if isinstance(v, dict) else v

    kind, entity, ref_id, title, before, after, money, detail = json.loads(text)
    return Change(kind, entity, ref_id, title, value(before), value(after), money, detail)


# Rows are appended in stream order (rowid = order of arrival: cheap) and indexed once at the end.
_SCRATCH_SCHEMA = """
CREATE TABLE prev_a (id INTEGER NOT NULL, line TEXT NOT NULL);
CREATE TABLE prev_d (id INTEGER NOT NULL);
CREATE TABLE prev_t (key TEXT NOT NULL, due TEXT);
CREATE TABLE cur_a (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL, line TEXT NOT NULL);
CREATE TABLE cur_d (seq INTEGER PRIMARY KEY, id INTEGER NOT NULL, activity_id INTEGER, title TEXT NOT NULL,
                    decided_on TEXT NOT NULL, detail TEXT NOT NULL);
CREATE TABLE cur_t (seq INTEGER PRIMARY KEY, base TEXT NOT NULL, due TEXT NOT NULL, title TEXT NOT NULL,
                    ref_id INTEGER, detail TEXT NOT NULL);
CREATE TABLE changes (seq INTEGER PRIMARY KEY, rank INTEGER NOT NULL, title_key TEXT NOT NULL,
                      ref_id INTEGER NOT NULL, change TEXT NOT NULL);
"""
#: After loading: the previous snapshot's last entry per key wins (as a dict would), then indexes.
_SCRATCH_INDEXES = """
DELETE FROM prev_a WHERE rowid NOT IN (SELECT max(rowid) FROM prev_a GROUP BY id);
DELETE FROM prev_t WHERE rowid NOT IN (SELECT max(rowid) FROM prev_t GROUP BY key);
CREATE UNIQUE INDEX prev_a_id ON prev_a (id);
CREATE INDEX prev_d_id ON prev_d (id);
CREATE UNIQUE INDEX prev_t_key ON prev_t (key);
CREATE INDEX cur_a_id ON cur_a (id);
"""
#: Rows buffered before they are written to the scratch database
_BATCH = 1000


class ChangeTracker:
    """Writes the new snapshot and finds the changes against the previous one, as the rows
    stream by; `finish()`, then `changes()` (sorted for the sheet), then `close()`.

    `previous` is the previous export's snapshot document (None: the first export of the scope).
    When it cannot be read, `has_baseline` is False and nothing is compared."""

    def __init__(self, previous: bytes | None, today: date) -> None:
        import sqlite3
        import tempfile

        # "" = a private temporary database on disk that SQLite deletes when it is closed; its page
        # cache is the only memory it takes.
        self._db = sqlite3.connect("", check_same_thread=False)
        self._db.execute("PRAGMA cache_size=-2048")  # KiB
        self._db.executescript(_SCRATCH_SCHEMA)
        self._snapshot = tempfile.TemporaryFile(prefix="samverkan-snapshot-")
        self._z = zlib.compressobj(6)
        self._pending: list[str] = []
        self._buffers: dict[str, list[tuple[Any, ...]]] = {"cur_a": [], "cur_d": [], "cur_t": [], "changes": []}
        self._seq = 0
        self.activity_count = 0
        self.change_count = 0
        self._prev_agreements: dict[int, list[Any]] = {}
        self.has_baseline = previous is not None and self._load_previous(previous)
        self._line({"format": SNAPSHOT_FORMAT, "as_of": today.isoformat()})

    # -- the previous snapshot
    def _load_previous(self, data: bytes) -> bool:
        """Index the previous snapshot in the scratch database; False when it cannot be read (then
        there is nothing to compare with)."""
        db = self._db
        rows: dict[str, list[tuple[Any, ...]]] = {"prev_a": [], "prev_d": [], "prev_t": []}
        sql = {"prev_a": "INSERT INTO prev_a VALUES (?, ?)", "prev_d": "INSERT INTO prev_d VALUES (?)",
               "prev_t": "INSERT INTO prev_t VALUES (?, ?)"}

        def flush() -> None:
            for table, batch in rows.items():
                if batch:
                    db.executemany(sql[table], batch)
                    batch.clear()

        try:
            first = True
            n = 0
            for line, item in snapshot_items(data, lines=True):
                if first:
                    if not isinstance(item, dict) or item.get("format") != SNAPSHOT_FORMAT:
                        return False
                    first = False
                    continue
                if not isinstance(item, list) or not item:
                    continue
                tag = item[0]
                if tag == "a" and _valid_activity(item):
                    rows["prev_a"].append((item[1], line))
                elif tag == "g" and len(item) == 6 and isinstance(item[1], int):
                    self._prev_agreements[item[1]] = item
                elif tag == "d" and len(item) == 2 and isinstance(item[1], int):
                    rows["prev_d"].append((item[1],))
                elif tag == "t" and len(item) == 4 and isinstance(item[1], str):
                    rows["prev_t"].append((item[1], item[2] if isinstance(item[2], str) else None))
                n += 1
                if n % _BATCH == 0:
                    flush()
            flush()
            return not first
        except (zlib.error, ValueError, TypeError, UnicodeDecodeError, OverflowError):
            for table in rows:
                db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self._prev_agreements.clear()
            return False

    # -- writing the new snapshot
    def _line(self, item: Any) -> None:
        self._pending.append(_dumps(item))
        if len(self._pending) >= _BATCH:
            self._flush_lines()

    def _flush_lines(self) -> None:
        if self._pending:
            self._snapshot.write(self._z.compress(("\n".join(self._pending) + "\n").encode("utf-8")))
            self._pending = []

    def _row(self, table: str, row: tuple[Any, ...]) -> None:
        batch = self._buffers[table]
        batch.append(row)
        if len(batch) >= _BATCH:
            self._flush_rows(table)

    def _flush_rows(self, table: str) -> None:
        batch = self._buffers[table]
        if batch:
            marks = ", ".join("?" * len(batch[0]))
            self._db.executemany(f"INSERT INTO {table} VALUES ({marks})", batch)  # noqa: S608
            batch.clear()

    def _next(self) -> int:
        self._seq += 1
        return self._seq

    def _change(self, c: Change) -> None:
        self.change_count += 1
        self._row("changes", (self._next(), _KIND_RANK.get(c.kind, 99), c.title.casefold(), c.ref_id or 0,
                              _encode_change(c)))

    # -- the rows, as they stream
    def activity(self, a: ActivityLine) -> None:
        line = _dumps(_activity_entry(a))
        self._pending.append(line)
        if len(self._pending) >= _BATCH:
            self._flush_lines()
        self.activity_count += 1
        if self.has_baseline:
            self._row("cur_a", (self._next(), a.id, line))

    def agreement(self, a: AgreementLine) -> None:
        entry = ["g", a.id, a.title, a.status.name, _d(a.end), a.annual_fee_ore]
        self._line(entry)
        if not self.has_baseline:
            return
        p = self._prev_agreements.get(a.id)
        if p is None:
            self._change(Change("Nytt avtal", "avtal", a.id, a.title))
            return
        if p[3] != entry[3]:
            before = AgreementStatus[p[3]].value if p[3] in AgreementStatus.__members__ else str(p[3])
            self._change(Change("Ändrat avtal", "avtal", a.id, a.title, before, a.status.value, detail="status"))
        if p[4] != entry[4]:
            self._change(Change("Ändrat avtal", "avtal", a.id, a.title, _date(p[4]), a.end, detail="slutdatum"))
        if p[5] != entry[5] and isinstance(p[5], int):
            self._change(Change("Ändrat belopp", "avtal", a.id, a.title, p[5], entry[5], True, "årsavgift"))

    def decision(self, m: MeetingLine) -> None:
        if m.decision_id is None:
            return
        self._line(["d", m.decision_id])
        if self.has_baseline:  # new unless the previous snapshot has it (see finish)
            self._row("cur_d", (self._next(), m.decision_id, m.activity_id, m.title, m.on.isoformat(),
                                f"{m.body} {m.paragraph}".strip() + (f": {m.decision}" if m.decision else "")))

    def deadline(self, d: Deadline) -> None:
        """A row of the Deadlines sheet. Its snapshot key ("KIND|ref_type|ref_id|n", n counting the
        deadlines of the same kind and record) is numbered in finish()."""
        self._row("cur_t", (self._next(), f"{d.kind.name}|{d.ref_type}|{d.ref_id}", d.due.isoformat(), d.title,
                            d.ref_id, d.kind.value))

    # -- the end
    def finish(self) -> tuple[bytes, int]:
        """The snapshot document to store, and the number of changes (see `changes()`)."""
        for table in self._buffers:
            self._flush_rows(table)
        db = self._db
        keyed = ("SELECT base || '|' || (row_number() OVER (PARTITION BY base ORDER BY seq) - 1) AS key, "
                 "due, title, ref_id, detail, seq FROM cur_t")
        for (key, due, title, _, _, _) in db.execute(f"{keyed} ORDER BY seq"):  # noqa: S608
            self._line(["t", key, due, title])
        if self.has_baseline:
            db.executescript(_SCRATCH_INDEXES)
            for (line,) in db.execute("SELECT c.line FROM cur_a c LEFT JOIN prev_a p ON p.id = c.id "
                                      "WHERE p.id IS NULL ORDER BY c.seq"):
                for c in compare_activity(None, json.loads(line)):
                    self._change(c)
            # a stored line that differs: something changed (or nothing the sheet shows, like the kind)
            for cur, prev in db.execute("SELECT c.line, p.line FROM cur_a c JOIN prev_a p ON p.id = c.id "
                                        "WHERE c.line <> p.line ORDER BY c.seq"):
                for c in compare_activity(json.loads(prev), json.loads(cur)):
                    self._change(c)
            for activity_id, title, on, detail in db.execute(
                    "SELECT activity_id, title, decided_on, detail FROM cur_d WHERE id NOT IN (SELECT id FROM prev_d) "
                    "ORDER BY seq"):
                self._change(Change("Nytt beslut", "beslut", activity_id, title, None, date.fromisoformat(on),
                                    detail=detail))
            # new deadlines appear every day as the window moves; only moved ones are news
            for due, title, ref_id, detail, old_due in db.execute(
                    f"SELECT k.due, k.title, k.ref_id, k.detail, p.due FROM ({keyed}) k "  # noqa: S608
                    "JOIN prev_t p ON p.key = k.key WHERE p.due IS NOT k.due ORDER BY k.seq"):
                self._change(Change("Flyttad tidsfrist", "tidsfrist", ref_id, title, _date(old_due),
                                    date.fromisoformat(due), detail=detail))
            for (line,) in db.execute("SELECT p.line FROM prev_a p LEFT JOIN cur_a c ON c.id = p.id "
                                      "WHERE c.id IS NULL ORDER BY p.id"):
                p = json.loads(line)
                self._change(Change("Borta ur urvalet", "aktivitet", p[1], p[2], _stage_text(p[3]), None,
                                    detail="borttagen eller utanför urvalet"))
            self._flush_rows("changes")
            db.execute("CREATE INDEX changes_order ON changes (rank, title_key, ref_id, seq)")
        self._flush_lines()
        self._snapshot.write(self._z.flush())
        self._snapshot.seek(0)
        data = self._snapshot.read()
        self._snapshot.close()
        return data, self.change_count

    def changes(self) -> Iterator[Change]:
        """Every change, in the sheet's order (kind, title, id); read from the scratch database
        afresh on each call."""
        for (change,) in self._db.execute("SELECT change FROM changes ORDER BY rank, title_key, ref_id, seq"):
            yield _decode_change(change)

    def close(self) -> None:
        """Delete the scratch database and the snapshot's temporary file."""
        self._snapshot.close()
        self._db.close()


__all__ = [
    "ActivityLine", "AgreementLine", "AgreementSummary", "Change", "EconomyLine", "ExportDataService",
    "ChangeTracker", "ExportHeader", "ExportReader", "ExportScope", "LastDecision", "MeetingLine", "ReportLine",
    "STAGE_GROUPS", "SnapshotInfo", "YearMoney", "compare_activity", "snapshot_items",
]
