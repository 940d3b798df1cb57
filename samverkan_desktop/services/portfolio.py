"""The portfolio of activities: records, budgets, follow-up reports, the stage workflow,
signatures of the beslutsunderlag and the money gate."""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import Integer, Select, bindparam, func, select, true
from sqlalchemy.orm import Session, aliased

from ..db.database import Database
from ..domain import followup, stages
from ..domain.catalog import CostKind, FundingSource
from ..domain.followup import ActivityKind, ReportKind
from ..domain.stages import ActivityFacts, Stage
from ..models import (
    Activity,
    Agreement,
    Allocation,
    BudgetLine,
    Decision,
    Disbursement,
    FollowUpReport,
    GeneratedDocument,
    Organisation,
    Person,
)
from .agreements import DecisionRow, _decision_row
from .common import clean_text, load
from .errors import GateError, ValidationError
from .history import HistoryEntry, record_history

#: How far ahead reports of open-ended programs are scheduled.
REPORT_HORIZON_YEARS = 2


@dataclass(frozen=True)
class ActivityInput:
    kind: ActivityKind
    title: str
    agreement_id: int | None = None
    parent_id: int | None = None
    research_question: str = ""
    start: date | None = None
    end: date | None = None
    case_number: str = ""
    responsible_researcher_id: int | None = None
    university_id: int | None = None
    responsible_official_id: int | None = None
    administration: str = ""
    company_id: int | None = None
    forankring_confirmed: bool = False
    external_funder_id: int | None = None
    effect_goals: str = ""
    kpis: str = ""
    activity_goals: str = ""
    deliverables: str = ""
    notes: str = ""


@dataclass(frozen=True)
class ActivityRow:
    """One row of the portfolio table (plain values; sortable natively)."""

    id: int
    parent_id: int | None
    kind: ActivityKind
    title: str
    agreement_id: int | None
    agreement: str
    administration: str
    official: str
    researcher: str
    stage: Stage
    start: date | None
    end: date | None
    budget_total_ore: int
    next_report_due: date | None
    case_number: str


@dataclass(frozen=True)
class BudgetCell:
    year: int
    cost_kind: CostKind
    source: FundingSource
    amount_ore: int


@dataclass(frozen=True)
class ReportRow:
    id: int
    kind: ReportKind
    sequence: int
    due: date
    received_on: date | None
    presented_meeting_id: int | None
    approved: bool | None
    overdue: bool


@dataclass(frozen=True)
class MoneyRow:
    id: int
    year_or_date: str
    source: FundingSource
    amount_ore: int
    note: str


@dataclass(frozen=True)
class DocumentRow:
    id: int
    kind: str
    created_at: str
    created_by: str
    sha256: str
    filename: str


@dataclass(frozen=True)
class ActivityDetail:
    id: int
    version: int
    data: ActivityInput
    stage: Stage
    agreement: str
    researcher: str
    official: str
    university: str
    company: str
    external_funder: str
    parent_title: str
    children: list[ActivityRow]
    budget: list[BudgetCell]
    reports: list[ReportRow]
    decisions: list[DecisionRow]
    allocations: list[MoneyRow]
    disbursements: list[MoneyRow]
    documents: list[DocumentRow]
    rektor_signed_on: date | None
    municipality_signed_on: date | None
    funds_transferred_on: date | None
    popular_presentation_on: date | None
    facts: ActivityFacts
    next_stage: Stage | None
    next_stage_problems: list[str] = field(default_factory=list)

    @property
    def budget_total_ore(self) -> int:
        return sum(c.amount_ore for c in self.budget)


def validate(data: ActivityInput) -> None:
    clean_text(data.title, "Titel", required=True)
    clean_text(data.administration, "Förvaltning/bolag", max_len=200)
    clean_text(data.case_number, "Diarienummer", max_len=60)
    for label, text in (("Forskningsfråga", data.research_question), ("Effektmål", data.effect_goals),
                        ("Nyckeltal", data.kpis), ("Aktivitetsmål", data.activity_goals),
                        ("Leveranser", data.deliverables), ("Anteckningar", data.notes)):
        clean_text(text, label, max_len=20000)
    if data.start and data.end and data.end < data.start:
        raise ValidationError("Slutdatum", "ligger före startdatum")


class PortfolioService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- reading -------------------------------------------------------------------
    def list_rows(self, today: date, *, parent_id: int | None = None) -> list[ActivityRow]:
        """All activities in one query (aggregates joined, no per-row queries); with
        `parent_id`, only the activities that program or profile area holds."""
        with self.db.reading() as s:
            if parent_id is None:
                return [_activity_row(r) for r in s.execute(_rows_query())]
            return [_activity_row(r) for r in s.execute(_rows_query("parent"), {"ident": parent_id})]

    def row(self, activity_id: int, today: date) -> ActivityRow:
        """One row of the portfolio table, as `list_rows` gives it (to refresh a single row)."""
        with self.db.reading() as s:
            r = s.execute(_rows_query("one"), {"ident": activity_id}).first()
            if r is None:
                load(s, Activity, activity_id)  # raises NotFoundError
            assert r is not None
            return _activity_row(r)

    def get(self, activity_id: int, today: date) -> ActivityDetail:
        with self.db.reading() as s:
            a = load(s, Activity, activity_id)
            name = _namer(s)
            facts = self.gate_facts(s, a)
            stage = Stage[a.stage]
            nxt = stages.forward_stage(stage)
            children = self.list_rows(today, parent_id=a.id)
            return ActivityDetail(
                id=a.id, version=a.version, data=activity_input(a), stage=stage,
                agreement=name(Agreement, a.agreement_id, "title"),
                researcher=name(Person, a.responsible_researcher_id), official=name(Person, a.responsible_official_id),
                university=name(Organisation, a.university_id), company=name(Organisation, a.company_id),
                external_funder=name(Organisation, a.external_funder_id),
                parent_title=name(Activity, a.parent_id, "title"),
                children=children,
                budget=[BudgetCell(b.year, CostKind[b.cost_kind], FundingSource[b.source], b.amount_ore)
                        for b in s.scalars(select(BudgetLine).where(BudgetLine.activity_id == a.id)
                                           .order_by(BudgetLine.year, BudgetLine.id))],
                reports=self._report_rows(s, a.id, today),
                decisions=[_decision_row(d) for d in s.scalars(
                    select(Decision).where(Decision.activity_id == a.id).order_by(Decision.decided_on, Decision.id))],
                allocations=[MoneyRow(x.id, str(x.year), FundingSource[x.source], x.amount_ore,
                                      x.decided_on.isoformat() if x.decided_on else "")
                             for x in s.scalars(select(Allocation).where(Allocation.activity_id == a.id)
                                                .order_by(Allocation.year, Allocation.id))],
                disbursements=[MoneyRow(x.id, x.paid_on.isoformat(), FundingSource[x.source], x.amount_ore, x.note)
                               for x in s.scalars(select(Disbursement).where(Disbursement.activity_id == a.id)
                                                  .order_by(Disbursement.paid_on, Disbursement.id))],
                documents=[DocumentRow(d.id, d.kind, d.created_at.isoformat(timespec="seconds"), d.created_by,
                                       d.sha256, d.filename)
                           for d in s.scalars(select(GeneratedDocument).where(GeneratedDocument.activity_id == a.id)
                                              .order_by(GeneratedDocument.id))],
                rektor_signed_on=a.rektor_signed_on, municipality_signed_on=a.municipality_signed_on,
                funds_transferred_on=a.funds_transferred_on, popular_presentation_on=a.popular_presentation_on,
                facts=facts, next_stage=nxt,
                next_stage_problems=stages.gate_problems(stage, nxt, facts) if nxt else [],
            )

    def history(self, activity_id: int) -> list[HistoryEntry]:
        """Every change of the activity and of its budget lines, reports, decisions, allocations
        and disbursements, oldest first (from the change log)."""
        return record_history(self.db, "activity", activity_id)

    def gate_problems(self, activity_id: int, target: Stage) -> list[str]:
        with self.db.reading() as s:
            a = load(s, Activity, activity_id)
            return stages.gate_problems(Stage[a.stage], target, self.gate_facts(s, a))

    # ---- writing -------------------------------------------------------------------
    def create(self, data: ActivityInput, today: date, stage: Stage = Stage.IDE,
               budget: list[BudgetCell] | None = None) -> int:
        """A new activity; with `budget`, its detailed budget in the same transaction."""
        with self.db.writing() as s:
            return int(insert_activity(s, data, today, stage=stage, budget=budget).id)  # type: ignore[arg-type]

    def update(self, activity_id: int, version: int, data: ActivityInput, today: date,
               budget: list[BudgetCell] | None = None) -> None:
        """Save the form; with `budget`, replace the detailed budget in the same transaction."""
        with self.db.writing() as s:
            update_activity(s, load(s, Activity, activity_id, version), data, today, budget=budget)

    def delete(self, activity_id: int) -> None:
        with self.db.writing() as s:
            a = load(s, Activity, activity_id)
            if s.scalar(select(func.count()).select_from(Activity).where(Activity.parent_id == a.id)):
                raise ValidationError("Aktivitet", "kan inte tas bort medan den innehåller andra aktiviteter")
            if s.scalar(select(func.count()).select_from(Decision).where(Decision.activity_id == a.id)):
                raise ValidationError("Aktivitet", "har beslut och kan inte tas bort; avsluta den i stället")
            for model in (BudgetLine, FollowUpReport, Allocation, Disbursement):
                for obj in s.scalars(select(model).where(model.activity_id == a.id)):  # type: ignore[attr-defined]
                    s.delete(obj)
            s.delete(a)

    def set_budget(self, activity_id: int, cells: list[BudgetCell]) -> None:
        """Replace the detailed budget (one transaction; zero cells are dropped)."""
        check_budget(cells)
        with self.db.writing() as s:
            load(s, Activity, activity_id)
            _write_budget(s, activity_id, cells)

    def move_stage(self, activity_id: int, target: Stage, *, on: date, body: str = "", paragraph: str = "",
                   note: str = "") -> Stage:
        """Move one step in the workflow; the gate says exactly what is missing."""
        with self.db.writing() as s:
            a = load(s, Activity, activity_id)
            self.move_in_session(s, a, target, on=on, body=body, paragraph=paragraph, note=note)
            return target

    def advance(self, activity_id: int, on: date) -> Stage:
        with self.db.reading() as s:
            a = load(s, Activity, activity_id)
            nxt = stages.forward_stage(Stage[a.stage])
        if nxt is None:
            raise ValidationError("Steg", f"{Stage[a.stage].value} är ett slutsteg")
        return self.move_stage(activity_id, nxt, on=on)

    def record_signature(self, activity_id: int, *, rektor_on: date | None = None,
                         municipality_on: date | None = None) -> None:
        with self.db.writing() as s:
            a = load(s, Activity, activity_id)
            if Stage[a.stage] not in (Stage.BESLUTSUNDERLAG, Stage.PAGAENDE, Stage.AVSLUTNING, Stage.AVSLUTAD):
                raise ValidationError("Underskrift", "beslutsunderlaget kan signeras först när aktiviteten är beviljad")
            if rektor_on is not None:
                a.rektor_signed_on = rektor_on
            if municipality_on is not None:
                a.municipality_signed_on = municipality_on

    def add_allocation(self, activity_id: int, year: int, source: FundingSource, amount_ore: int,
                       decided_on: date | None = None) -> int:
        if amount_ore <= 0:
            raise ValidationError("Tilldelat belopp", "måste vara större än noll")
        with self.db.writing() as s:
            load(s, Activity, activity_id)
            x = Allocation(activity_id=activity_id, year=year, source=source.name, amount_ore=amount_ore,
                           decided_on=decided_on)
            s.add(x)
            s.flush()
            return int(x.id)  # type: ignore[arg-type]

    def record_disbursement(self, activity_id: int, paid_on: date, source: FundingSource, amount_ore: int,
                            note: str = "") -> int:
        """Funds transferred: only after both signatures of the beslutsunderlag are recorded."""
        if amount_ore <= 0:
            raise ValidationError("Överfört belopp", "måste vara större än noll")
        with self.db.writing() as s:
            a = load(s, Activity, activity_id)
            missing = []
            if a.rektor_signed_on is None:
                missing.append("beslutsunderlaget är inte undertecknat av rektor")
            if a.municipality_signed_on is None:
                missing.append("beslutsunderlaget är inte undertecknat av kommundirektör/kommunbolagschef")
            if missing:
                raise GateError("Att föra över medel", missing)
            x = Disbursement(activity_id=a.id, paid_on=paid_on, source=source.name, amount_ore=amount_ore,
                             note=clean_text(note, "Notering", max_len=500))
            s.add(x)
            if a.funds_transferred_on is None:
                a.funds_transferred_on = paid_on
            s.flush()
            return int(x.id)  # type: ignore[arg-type]

    def record_report(self, report_id: int, *, received_on: date | None, approved: bool | None = None,
                      presented_meeting_id: int | None = None) -> None:
        with self.db.writing() as s:
            r = load(s, FollowUpReport, report_id)
            r.received_on = received_on
            r.approved = approved
            r.presented_meeting_id = presented_meeting_id

    def record_popular_presentation(self, activity_id: int, held_on: date) -> None:
        with self.db.writing() as s:
            load(s, Activity, activity_id).popular_presentation_on = held_on

    # ---- inside a caller's transaction (the meeting service records decisions with these) --------
    def move_in_session(self, s: Session, a: Activity, target: Stage, *, on: date, body: str = "",
                        paragraph: str = "", note: str = "", case_number: str = "") -> None:
        """Move `a` to `target` in the open transaction `s` (GateError when the gate is not met);
        with `body`, also its Decision (body, date, §)."""
        current = Stage[a.stage]
        problems = stages.gate_problems(current, target, self.gate_facts(s, a))
        if problems:
            raise GateError(f"Steget till {target.value}", problems)
        a.stage = target.name
        if target == Stage.PAGAENDE and a.start is None:
            a.start = on
        if body:
            s.add(Decision(activity_id=a.id, body=body, decided_on=on, paragraph=paragraph,
                           case_number=case_number or a.case_number, outcome=note or f"Till {target.value}"))

    @staticmethod
    def gate_facts(s: Session, a: Activity) -> ActivityFacts:
        """What the stage gates look at, read in the open transaction `s`."""
        n_budget = s.scalar(select(func.count()).select_from(BudgetLine).where(
            BudgetLine.activity_id == a.id, BudgetLine.amount_ore > 0)) or 0
        final_ok = s.scalar(select(func.count()).select_from(FollowUpReport).where(
            FollowUpReport.activity_id == a.id, FollowUpReport.kind == ReportKind.SLUT.name,
            FollowUpReport.approved.is_(True))) or 0
        return ActivityFacts(
            kind=ActivityKind[a.kind], has_title=bool(a.title.strip()),
            has_responsible_researcher=a.responsible_researcher_id is not None,
            has_responsible_official=a.responsible_official_id is not None,
            forankring_confirmed=a.forankring_confirmed, has_detailed_budget=n_budget > 0,
            has_external_funder=a.external_funder_id is not None,
            rektor_signed=a.rektor_signed_on is not None, municipality_signed=a.municipality_signed_on is not None,
            final_report_approved=final_ok > 0, popular_presentation_held=a.popular_presentation_on is not None,
        )

    @staticmethod
    def _report_rows(s: Session, activity_id: int, today: date) -> list[ReportRow]:
        return [ReportRow(r.id, ReportKind[r.kind], r.sequence, r.due, r.received_on, r.presented_meeting_id,
                          r.approved, followup.report_is_overdue(r.due, r.received_on, today))
                for r in s.scalars(select(FollowUpReport).where(FollowUpReport.activity_id == activity_id)
                                   .order_by(FollowUpReport.due, FollowUpReport.id))]


# ---- one activity inside the caller's transaction ----------------------------------
# PortfolioService.create/update and the import (services.portfolio_import, which writes a whole
# file in one transaction) save activities through these, so the rules live in one place.
def check_activity(s: Session, data: ActivityInput, activity_id: int | None = None) -> None:
    """The rules an activity must satisfy to be saved, without writing anything: the input's own
    (`validate`) and its references (agreement, people, organisations and the program or profile
    area it belongs to must exist; only those two kinds hold activities, and never each other or
    themselves). `activity_id` is the activity being edited, None for a new one. Raises
    ValidationError naming the Swedish field."""
    validate(data)
    checks = ((Agreement, data.agreement_id, "Avtal"), (Person, data.responsible_researcher_id, "Ansvarig forskare"),
              (Person, data.responsible_official_id, "Ansvarig tjänsteperson"),
              (Organisation, data.university_id, "Lärosäte"), (Organisation, data.company_id, "Bolag"),
              (Organisation, data.external_funder_id, "Extern finansiär"), (Activity, data.parent_id, "Ingår i"))
    for model, ident, label in checks:
        if ident is not None and s.get(model, ident) is None:
            raise ValidationError(label, f"id {ident} finns inte")
    if data.parent_id is not None:
        parent = s.get(Activity, data.parent_id)
        assert parent is not None
        if ActivityKind[parent.kind] not in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE):
            raise ValidationError("Ingår i", "bara program och profilbärande områden kan innehålla aktiviteter")
        if data.kind in (ActivityKind.PROGRAM, ActivityKind.PROFILOMRADE):
            raise ValidationError("Ingår i", "ett program eller profilbärande område kan inte ingå i ett annat")
        if activity_id is not None and data.parent_id == activity_id:
            raise ValidationError("Ingår i", "en aktivitet kan inte ingå i sig själv")


def insert_activity(s: Session, data: ActivityInput, today: date, *, stage: Stage = Stage.IDE,
                    budget: list[BudgetCell] | None = None) -> Activity:
    """Add a new activity in the caller's session (flushed, so it has its id): checked with
    `check_activity` (and `check_budget`), its detailed budget written when given, and the
    follow-up reports its kind and period require scheduled. Nothing is committed here."""
    check_activity(s, data)
    if budget is not None:
        check_budget(budget)
    a = Activity(**_columns_of(data), stage=stage.name)
    s.add(a)
    s.flush()
    if budget is not None:
        _write_budget(s, int(a.id), budget)  # type: ignore[arg-type]
    _sync_reports(s, a, today)
    return a


def update_activity(s: Session, a: Activity, data: ActivityInput, today: date, *,
                    budget: list[BudgetCell] | None = None) -> None:
    """Save `data` onto an activity loaded in the caller's session (load it with its expected
    version for the optimistic lock): checked like `insert_activity`, the budget replaced when
    given, unreceived reports moved or dropped to follow the new period. The stage is not
    touched (it changes only through the workflow). Nothing is committed here."""
    check_activity(s, data, a.id)
    if budget is not None:
        check_budget(budget)
    for k, v in _columns_of(data).items():
        setattr(a, k, v)
    if budget is not None:
        _write_budget(s, int(a.id), budget)  # type: ignore[arg-type]
    _sync_reports(s, a, today)


def _sync_reports(s: Session, a: Activity, today: date) -> None:
    """Schedule the reports the rules require; keep received ones, move or drop unreceived."""
    s.flush()
    existing = {(r.kind, r.sequence): r for r in s.scalars(
        select(FollowUpReport).where(FollowUpReport.activity_id == a.id))}
    wanted: dict[tuple[str, int], date] = {}
    if a.start is not None:
        horizon = date(max(a.start.year, today.year) + REPORT_HORIZON_YEARS, 12, 31)
        for rep in followup.follow_up_schedule(ActivityKind[a.kind], a.start, a.end, horizon=horizon):
            wanted[(rep.kind.name, rep.sequence)] = rep.due
    for key, r in existing.items():
        if r.received_on is not None or r.approved is not None:
            continue
        if key not in wanted:
            s.delete(r)
        elif r.due != wanted[key]:
            r.due = wanted[key]
    for key, due in wanted.items():
        if key not in existing:
            s.add(FollowUpReport(activity_id=a.id, kind=key[0], sequence=key[1], due=due))


def check_budget(cells: list[BudgetCell]) -> None:
    """Refuse unreasonable years, negative amounts and duplicate cells (Swedish ValidationError)."""
    seen: set[tuple[int, CostKind, FundingSource]] = set()
    for c in cells:
        if not 1990 <= c.year <= 2100:
            raise ValidationError("Budget, år", f"{c.year} är inget rimligt år")
        if c.amount_ore < 0:
            raise ValidationError("Budget, belopp", "får inte vara negativt")
        key = (c.year, c.cost_kind, c.source)
        if key in seen:
            raise ValidationError("Budget", f"{c.year} {c.cost_kind.value} / {c.source.value} förekommer två gånger")
        seen.add(key)


def _write_budget(s: Session, activity_id: int, cells: list[BudgetCell]) -> None:
    existing = {(b.year, b.cost_kind, b.source): b for b in s.scalars(
        select(BudgetLine).where(BudgetLine.activity_id == activity_id))}
    wanted = {(c.year, c.cost_kind.name, c.source.name): c.amount_ore for c in cells if c.amount_ore}
    for key, row in existing.items():
        if key not in wanted:
            s.delete(row)
        elif row.amount_ore != wanted[key]:
            row.amount_ore = wanted[key]
    for key, amount in wanted.items():
        if key not in existing:
            s.add(BudgetLine(activity_id=activity_id, year=key[0], cost_kind=key[1], source=key[2],
                             amount_ore=amount))


@functools.cache
def _rows_query(scope: str = "all") -> Select[Any]:
    """The portfolio rows: "all"; "one" activity, or the activities a "parent" holds (bound
    parameter `ident`), with the aggregates computed for those only. Built once per scope, so
    SQLAlchemy's compiled-statement cache is hit on every later call (opening a record)."""
    researcher, official = aliased(Person), aliased(Person)
    budget_q = select(BudgetLine.activity_id, func.sum(BudgetLine.amount_ore).label("total"))
    nxt_q = (select(FollowUpReport.activity_id, func.min(FollowUpReport.due).label("due"))
             .where(FollowUpReport.received_on.is_(None)))
    ident = bindparam("ident", type_=Integer)
    if scope == "one":
        budget_q = budget_q.where(BudgetLine.activity_id == ident)
        nxt_q = nxt_q.where(FollowUpReport.activity_id == ident)
    elif scope == "parent":
        held = select(Activity.id).where(Activity.parent_id == ident)
        budget_q = budget_q.where(BudgetLine.activity_id.in_(held))
        nxt_q = nxt_q.where(FollowUpReport.activity_id.in_(held))
    budget = budget_q.group_by(BudgetLine.activity_id).subquery()
    nxt = nxt_q.group_by(FollowUpReport.activity_id).subquery()
    return (select(Activity.id, Activity.parent_id, Activity.kind, Activity.title, Activity.agreement_id,
                   Agreement.title, Activity.administration, official.name, researcher.name, Activity.stage,
                   Activity.start, Activity.end, budget.c.total, nxt.c.due, Activity.case_number)
            .outerjoin(Agreement, Agreement.id == Activity.agreement_id)
            .outerjoin(researcher, researcher.id == Activity.responsible_researcher_id)
            .outerjoin(official, official.id == Activity.responsible_official_id)
            .outerjoin(budget, budget.c.activity_id == Activity.id)
            .outerjoin(nxt, nxt.c.activity_id == Activity.id)
            .where(Activity.id == ident if scope == "one" else Activity.parent_id == ident if scope == "parent"
                   else true())
            .order_by(Activity.id))


_KIND_BY_NAME = dict(ActivityKind.__members__)
_STAGE_BY_NAME = dict(Stage.__members__)


def _activity_row(r: Any) -> ActivityRow:
    return ActivityRow(r[0], r[1], _KIND_BY_NAME[r[2]], r[3], r[4], r[5] or "", r[6], r[7] or "", r[8] or "",
                       _STAGE_BY_NAME[r[9]], r[10], r[11], int(r[12] or 0), r[13], r[14])


_INPUT_FIELDS = list(ActivityInput.__dataclass_fields__)


def _columns_of(data: ActivityInput) -> dict[str, object]:
    cols: dict[str, object] = {f: getattr(data, f) for f in _INPUT_FIELDS}
    cols["kind"] = data.kind.name
    cols["title"] = data.title.strip()
    return cols


def activity_input(a: Activity) -> ActivityInput:
    """The form values (ActivityInput) of an activity loaded in a session: what `update_activity`
    would save unchanged. The import compares a file's row with it."""
    values = {f: getattr(a, f) for f in _INPUT_FIELDS}
    values["kind"] = ActivityKind[a.kind]
    return ActivityInput(**values)  # type: ignore[arg-type]


def _namer(s: Session):  # type: ignore[no-untyped-def]
    def name(model: type, ident: int | None, attr: str = "name") -> str:
        if ident is None:
            return ""
        obj = s.get(model, ident)
        return str(getattr(obj, attr)) if obj is not None else ""
    return name
