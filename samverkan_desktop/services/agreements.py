"""Agreements: terms, parties, bodies, roles, decisions, fee invoices, hours and extra work."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..domain import fees, hours, notice
from ..domain.catalog import AgreementKind, AgreementStatus, InvoiceStatus, LIVE_AGREEMENT_STATUSES
from ..domain.cadence import Body
from ..models import (
    Activity,
    Agreement,
    AgreementParty,
    AgreementRole,
    Attachment,
    Decision,
    ExtraAssignment,
    FeeInvoice,
    GovernanceBody,
    HoursEntry,
    Organisation,
    Person,
)
from .common import clean_text, load
from .errors import ValidationError, as_validation
from .history import HistoryEntry, record_history

#: How far ahead an open-ended agreement's invoice plan is kept (years after today's year).
OPEN_END_PLAN_YEARS = 2


@dataclass(frozen=True)
class AgreementInput:
    kind: AgreementKind
    title: str
    our_organisation_id: int
    start: date
    end: date | None = None
    status: AgreementStatus = AgreementStatus.UTKAST
    case_number: str = ""
    partner_ids: tuple[int, ...] = ()
    annual_fee_ore: int = 0
    invoices_per_year: int = 4
    in_advance: bool = True
    payment_days: int = 30
    late_interest_margin_pp: int = 8
    included_minutes_per_year: int = 0
    list_price_per_hour_ore: int = 0
    discount_bp: int = 0
    fixed_term: bool = False
    notice_months: int = 0
    termination_points: str = ""
    extension_lead_months: int | None = 3
    themes: str = ""
    obligations_ours: str = ""
    obligations_partner: str = ""
    invoicing_note: str = ""
    notes: str = ""


@dataclass(frozen=True)
class AgreementRow:
    id: int
    title: str
    kind: AgreementKind
    status: AgreementStatus
    partners: str
    case_number: str
    start: date
    end: date | None
    annual_fee_ore: int
    next_deadline: date | None
    next_deadline_text: str


@dataclass(frozen=True)
class InvoiceRow:
    id: int
    year: int
    period_no: int
    period_start: date
    period_end: date
    invoice_date: date
    due_date: date
    amount_ore: int
    status: InvoiceStatus
    invoiced_on: date | None
    paid_on: date | None
    version: int


@dataclass(frozen=True)
class PartyRow:
    organisation_id: int
    name: str
    org_nr: str | None


@dataclass(frozen=True)
class BodyRow:
    id: int
    body: Body
    meetings_per_year: int
    description: str


@dataclass(frozen=True)
class RoleRow:
    id: int
    person_id: int
    person_name: str
    organisation: str
    role: str
    side: str


@dataclass(frozen=True)
class DecisionRow:
    id: int
    body: str
    decided_on: date
    paragraph: str
    case_number: str
    outcome: str
    reservations: str
    activity_id: int | None = None


@dataclass(frozen=True)
class AttachmentRow:
    id: int
    title: str
    path: str
    sha256: str


@dataclass(frozen=True)
class HoursRow:
    id: int
    worked_on: date
    minutes: int
    description: str


@dataclass(frozen=True)
class ExtraRow:
    id: int
    title: str
    ordered_on: date
    minutes: int
    list_price_per_hour_ore: int
    discount_bp: int
    price_ore: int


@dataclass(frozen=True)
class AgreementDetail:
    id: int
    version: int
    data: AgreementInput
    our_organisation: str
    parties: list[PartyRow]
    bodies: list[BodyRow]
    roles: list[RoleRow]
    decisions: list[DecisionRow]
    attachments: list[AttachmentRow]
    invoices: list[InvoiceRow]
    hours: list[HoursRow]
    extras: list[ExtraRow]
    notice_given_on: date | None
    activity_count: int


@dataclass(frozen=True)
class DerivedFacts:
    """What follows from the terms: shown live beside the form."""

    plan: list[fees.PlannedInvoice]
    yearly_totals: dict[int, int]
    plan_total: int
    termination_options: list[notice.TerminationOption]
    extension_deadline: date | None
    notice_rule_text: str
    included_minutes: int
    used_minutes: int
    quota: hours.QuotaStatus
    excess_price_ore: int
    problems: list[str] = field(default_factory=list)


def notice_rule_of(data: AgreementInput | Agreement) -> notice.NoticeRule:
    with as_validation():
        points = notice.parse_termination_points(data.termination_points or "")
    return notice.NoticeRule(
        termination_points=points, notice_months=data.notice_months, fixed_term=data.fixed_term
    )


def fee_terms_of(data: AgreementInput | Agreement) -> fees.FeeTerms:
    return fees.FeeTerms(
        annual_fee_ore=data.annual_fee_ore,
        invoices_per_year=data.invoices_per_year,
        in_advance=data.in_advance,
        payment_days=data.payment_days,
        late_interest_margin_pp=data.late_interest_margin_pp,
    )


def plan_horizon(start: date, today: date) -> date:
    return date(max(start.year, today.year) + OPEN_END_PLAN_YEARS, 12, 31)


def derive(data: AgreementInput, today: date, used_minutes: int = 0) -> DerivedFacts:
    """The invoice plan, deadlines and quota for terms being edited (pure, no database)."""
    validate(data)
    with as_validation():
        plan = fees.invoice_plan(data.start, data.end, fee_terms_of(data), horizon=plan_horizon(data.start, today))
        rule = notice_rule_of(data)
        options = notice.termination_options(rule, today, data.end)
        ext = notice.extension_deadline(data.end, data.extension_lead_months) if (
            data.end and data.extension_lead_months is not None) else None
    if data.annual_fee_ore == 0:
        plan = []
    included = hours.included_minutes(plan, minutes_per_year=data.included_minutes_per_year) if plan else 0
    quota = hours.quota_status(included, used_minutes)
    return DerivedFacts(
        plan=plan,
        yearly_totals=fees.yearly_totals(plan),
        plan_total=fees.plan_total(plan),
        termination_options=options,
        extension_deadline=ext,
        notice_rule_text=notice.format_notice_rule(rule),
        included_minutes=included,
        used_minutes=used_minutes,
        quota=quota,
        excess_price_ore=hours.excess_price_ore(quota, data.list_price_per_hour_ore, data.discount_bp),
    )


def end_after_notice(data: AgreementInput | Agreement, given_on: date) -> date:
    """The end date notice given on `given_on` leads to (never after the current end)."""
    with as_validation():
        end = notice.end_after_notice(notice_rule_of(data), given_on)
    if data.end is not None and end > data.end:
        end = data.end
    return end


@dataclass(frozen=True)
class InvoiceLine:
    """One line of the invoice plan as the user sees it: a saved invoice (with its status) or
    a planned one that saving the terms would create (`invoice_id` None)."""

    year: int
    period_no: int
    label: str
    period_start: date
    period_end: date
    invoice_date: date
    due_date: date
    amount_ore: int
    status: InvoiceStatus
    invoice_id: int | None = None
    invoiced_on: date | None = None
    paid_on: date | None = None

    @property
    def key(self) -> int:
        """Stable id for views: the invoice id, or a negative code of the period."""
        return self.invoice_id if self.invoice_id is not None else -(self.year * 100 + self.period_no)


def invoice_lines(plan: list[fees.PlannedInvoice], saved: list[InvoiceRow]) -> list[InvoiceLine]:
    """What the invoices will be once the terms behind `plan` are saved (same rule as saving:
    invoiced and paid invoices are kept, planned ones follow the plan)."""
    by_key = {(i.year, i.period_no): i for i in saved}
    out: dict[tuple[int, int], InvoiceLine] = {}
    for i in saved:
        if i.status != InvoiceStatus.PLANERAD:
            p = fees.PlannedInvoice(i.year, i.period_no, i.period_start, i.period_end, i.invoice_date, i.due_date,
                                    i.amount_ore)
            out[(i.year, i.period_no)] = InvoiceLine(i.year, i.period_no, p.label, i.period_start, i.period_end,
                                                     i.invoice_date, i.due_date, i.amount_ore, i.status, i.id,
                                                     i.invoiced_on, i.paid_on)
    for p in plan:
        key = (p.year, p.period_no)
        if key in out:
            continue
        same = by_key.get(key)
        ident = same.id if same is not None and (
            same.invoice_date, same.due_date, same.amount_ore, same.period_start, same.period_end) == (
            p.invoice_date, p.due_date, p.amount_ore, p.period_start, p.period_end) else None
        out[key] = InvoiceLine(p.year, p.period_no, p.label, p.period_start, p.period_end, p.invoice_date,
                               p.due_date, p.amount_ore, InvoiceStatus.PLANERAD, ident)
    return sorted(out.values(), key=lambda line: (line.invoice_date, line.year, line.period_no))


def validate(data: AgreementInput) -> None:
    clean_text(data.title, "Titel", required=True)
    clean_text(data.case_number, "Diarienummer", max_len=60)
    if data.end is not None and data.end < data.start:
        raise ValidationError("Slutdatum", "ligger före startdatum")
    if data.annual_fee_ore < 0:
        raise ValidationError("Årsavgift", "får inte vara negativ")
    if data.invoices_per_year not in (1, 2, 4, 12):
        raise ValidationError("Faktureringsperiod", "måste vara år, halvår, kvartal eller månad")
    if not 0 <= data.payment_days <= 365:
        raise ValidationError("Betalningsvillkor", "antal dagar måste vara 0–365")
    if not 0 <= data.discount_bp <= 10000:
        raise ValidationError("Rabatt", "måste vara mellan 0 och 100 %")
    if data.notice_months < 0 or data.notice_months > 120:
        raise ValidationError("Uppsägningstid", "måste vara 0–120 månader")
    if data.included_minutes_per_year < 0:
        raise ValidationError("Ingående timmar", "får inte vara negativt")
    if data.extension_lead_months is not None and not 0 <= data.extension_lead_months <= 60:
        raise ValidationError("Förlängning senast", "måste vara 0–60 månader före slut")
    if not data.fixed_term and data.notice_months and not data.termination_points.strip():
        raise ValidationError("Uppsägningsdatum", "ange minst ett datum (MM-DD) eller markera avtalet som tidsbegränsat")
    notice_rule_of(data)
    if data.our_organisation_id in data.partner_ids:
        raise ValidationError("Parter", "vår egen organisation kan inte också vara motpart")


class AgreementService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- reading -------------------------------------------------------------------
    def list_rows(self, today: date) -> list[AgreementRow]:
        from .deadlines import next_deadline_by_agreement

        with self.db.reading() as s:
            agreements = s.scalars(select(Agreement).order_by(Agreement.start, Agreement.id)).all()
            partners = _partner_names(s)
            nxt = next_deadline_by_agreement(s, today)
            return [
                AgreementRow(
                    id=a.id, title=a.title, kind=AgreementKind[a.kind], status=AgreementStatus[a.status],
                    partners=", ".join(partners.get(a.id, [])), case_number=a.case_number,
                    start=a.start, end=a.end, annual_fee_ore=a.annual_fee_ore,
                    next_deadline=nxt[a.id][0] if a.id in nxt else None,
                    next_deadline_text=nxt[a.id][1] if a.id in nxt else "",
                )
                for a in agreements
            ]

    def titles(self) -> list[tuple[int, str]]:
        """(id, title) of every agreement in `list_rows` order, for pickers: one light query
        (no partners, no deadlines)."""
        with self.db.reading() as s:
            return [(aid, title) for aid, title in s.execute(
                select(Agreement.id, Agreement.title).order_by(Agreement.start, Agreement.id))]

    def get(self, agreement_id: int) -> AgreementDetail:
        with self.db.reading() as s:
            a = load(s, Agreement, agreement_id)
            own = s.get(Organisation, a.our_organisation_id)
            parties = s.execute(
                select(Organisation).join(AgreementParty, AgreementParty.organisation_id == Organisation.id)
                .where(AgreementParty.agreement_id == a.id).order_by(AgreementParty.id)
            ).scalars().all()
            roles = s.execute(
                select(AgreementRole, Person, Organisation)
                .join(Person, Person.id == AgreementRole.person_id)
                .outerjoin(Organisation, Organisation.id == Person.organisation_id)
                .where(AgreementRole.agreement_id == a.id).order_by(AgreementRole.id)
            ).all()
            used = self._used_minutes(s, a.id)
            return AgreementDetail(
                id=a.id, version=a.version, data=_input_of(a, tuple(p.id for p in parties)),
                our_organisation=own.name if own else "",
                parties=[PartyRow(p.id, p.name, p.org_nr) for p in parties],
                bodies=[BodyRow(b.id, Body[b.body], b.meetings_per_year, b.description) for b in s.scalars(
                    select(GovernanceBody).where(GovernanceBody.agreement_id == a.id).order_by(GovernanceBody.id))],
                roles=[RoleRow(r.id, p.id, p.name, o.name if o else "", r.role, r.side) for r, p, o in roles],
                decisions=[_decision_row(d) for d in s.scalars(
                    select(Decision).where(Decision.agreement_id == a.id).order_by(Decision.decided_on, Decision.id))],
                attachments=[AttachmentRow(t.id, t.title, t.path, t.sha256) for t in s.scalars(
                    select(Attachment).where(Attachment.agreement_id == a.id).order_by(Attachment.id))],
                invoices=self._invoice_rows(s, a.id),
                hours=[HoursRow(h.id, h.worked_on, h.minutes, h.description) for h in s.scalars(
                    select(HoursEntry).where(HoursEntry.agreement_id == a.id).order_by(HoursEntry.worked_on))],
                extras=[ExtraRow(e.id, e.title, e.ordered_on, e.minutes, e.list_price_per_hour_ore, e.discount_bp,
                                 e.price_ore) for e in s.scalars(
                    select(ExtraAssignment).where(ExtraAssignment.agreement_id == a.id).order_by(ExtraAssignment.id))],
                notice_given_on=a.notice_given_on,
                activity_count=s.scalar(select(func.count()).select_from(Activity).where(Activity.agreement_id == a.id)) or 0,
            )

    def derived(self, agreement_id: int, today: date) -> DerivedFacts:
        d = self.get(agreement_id)
        return derive(d.data, today, sum(h.minutes for h in d.hours))

    def history(self, agreement_id: int) -> list[HistoryEntry]:
        """Every change of the agreement and of its partners, roles, bodies, decisions and
        attachments, oldest first (from the change log)."""
        return record_history(self.db, "agreement", agreement_id)

    def invoices(self, agreement_id: int) -> list[InvoiceRow]:
        with self.db.reading() as s:
            return self._invoice_rows(s, agreement_id)

    # ---- writing -------------------------------------------------------------------
    def create(self, data: AgreementInput, today: date) -> int:
        validate(data)
        with self.db.writing() as s:
            self._check_orgs(s, data)
            a = Agreement(**_columns_of(data))
            s.add(a)
            s.flush()
            if data.extension_lead_months is None:
                # the ORM leaves a None out of the INSERT when the column has a default (3 months)
                a.extension_lead_months = None
            self._set_parties(s, a.id, data.partner_ids)
            self._sync_invoices(s, a, today)
            return int(a.id)  # type: ignore[arg-type]

    def update(self, agreement_id: int, version: int, data: AgreementInput, today: date) -> None:
        validate(data)
        with self.db.writing() as s:
            a = load(s, Agreement, agreement_id, version)
            self._check_orgs(s, data)
            for k, v in _columns_of(data).items():
                setattr(a, k, v)
            self._set_parties(s, a.id, data.partner_ids)
            self._sync_invoices(s, a, today)

    def delete(self, agreement_id: int) -> None:
        with self.db.writing() as s:
            a = load(s, Agreement, agreement_id)
            n = s.scalar(select(func.count()).select_from(Activity).where(Activity.agreement_id == a.id)) or 0
            if n:
                raise ValidationError("Avtal", f"kan inte tas bort: {n} aktiviteter hör till avtalet")
            for model in (AgreementParty, AgreementRole, GovernanceBody, FeeInvoice, HoursEntry, ExtraAssignment,
                          Attachment, Decision):
                for obj in s.scalars(select(model).where(model.agreement_id == a.id)):  # type: ignore[attr-defined]
                    s.delete(obj)
            s.delete(a)

    def set_invoice_status(self, invoice_id: int, status: InvoiceStatus, on: date, invoice_number: str = "") -> None:
        with self.db.writing() as s:
            inv = load(s, FeeInvoice, invoice_id)
            inv.status = status.name
            if status == InvoiceStatus.PLANERAD:
                inv.invoiced_on = None
                inv.paid_on = None
            elif status == InvoiceStatus.FAKTURERAD:
                inv.invoiced_on = on
                inv.paid_on = None
            else:
                inv.invoiced_on = inv.invoiced_on or on
                inv.paid_on = on
            if invoice_number:
                inv.invoice_number = clean_text(invoice_number, "Fakturanummer", max_len=60)

    def record_notice(self, agreement_id: int, given_on: date, today: date) -> date:
        """Notice given: the agreement ends at the first termination point the notice reaches."""
        with self.db.writing() as s:
            a = load(s, Agreement, agreement_id)
            end = end_after_notice(a, given_on)
            a.notice_given_on = given_on
            a.end = end
            a.status = AgreementStatus.UPPSAGT.name
            s.add(Decision(agreement_id=a.id, body="Uppsägning", decided_on=given_on,
                           outcome=f"Avtalet uppsagt; upphör {end.isoformat()}"))
            self._sync_invoices(s, a, today)
            return end

    def record_extension(self, agreement_id: int, new_end: date, decided_on: date, today: date,
                         body: str = "", paragraph: str = "") -> None:
        with self.db.writing() as s:
            a = load(s, Agreement, agreement_id)
            if new_end < a.start or (a.end is not None and new_end <= a.end):
                raise ValidationError("Nytt slutdatum", "måste ligga efter nuvarande slutdatum")
            old = a.end
            a.end = new_end
            s.add(Decision(agreement_id=a.id, body=body or "Förlängning", decided_on=decided_on, paragraph=paragraph,
                           case_number=a.case_number,
                           outcome=f"Avtalet förlängt från {old.isoformat() if old else '–'} till {new_end.isoformat()}"))
            self._sync_invoices(s, a, today)

    def add_decision(self, agreement_id: int, body: str, decided_on: date, outcome: str, paragraph: str = "",
                     case_number: str = "", reservations: str = "") -> int:
        with self.db.writing() as s:
            load(s, Agreement, agreement_id)
            d = Decision(agreement_id=agreement_id, body=clean_text(body, "Organ", required=True, max_len=100),
                         decided_on=decided_on, paragraph=clean_text(paragraph, "Paragraf", max_len=20),
                         case_number=clean_text(case_number, "Diarienummer", max_len=60),
                         outcome=clean_text(outcome, "Beslut", required=True),
                         reservations=clean_text(reservations, "Reservationer", max_len=5000))
            s.add(d)
            s.flush()
            return int(d.id)  # type: ignore[arg-type]

    def add_body(self, agreement_id: int, body: Body, meetings_per_year: int, description: str = "") -> int:
        with self.db.writing() as s:
            load(s, Agreement, agreement_id)
            g = GovernanceBody(agreement_id=agreement_id, body=body.name, meetings_per_year=meetings_per_year,
                               description=clean_text(description, "Beskrivning", max_len=2000))
            s.add(g)
            s.flush()
            return int(g.id)  # type: ignore[arg-type]

    def add_role(self, agreement_id: int, person_id: int, role: str, side: str = "") -> int:
        with self.db.writing() as s:
            load(s, Agreement, agreement_id)
            load(s, Person, person_id)
            r = AgreementRole(agreement_id=agreement_id, person_id=person_id,
                              role=clean_text(role, "Roll", required=True, max_len=100), side=side)
            s.add(r)
            s.flush()
            return int(r.id)  # type: ignore[arg-type]

    def remove_role(self, role_id: int) -> None:
        with self.db.writing() as s:
            s.delete(load(s, AgreementRole, role_id))

    def add_attachment(self, agreement_id: int, path: Path, title: str = "") -> int:
        p = Path(path)
        try:
            digest = hashlib.sha256(p.read_bytes()).hexdigest()
        except OSError as exc:
            raise ValidationError("Bilaga", f"filen kan inte läsas: {exc.strerror or exc}") from exc
        with self.db.writing() as s:
            load(s, Agreement, agreement_id)
            att = Attachment(agreement_id=agreement_id, title=clean_text(title or p.name, "Titel"), path=str(p),
                             sha256=digest, added_by=s.info.get("user", ""))
            s.add(att)
            s.flush()
            return int(att.id)  # type: ignore[arg-type]

    def add_hours(self, agreement_id: int, worked_on: date, minutes: int, description: str = "") -> int:
        if minutes <= 0:
            raise ValidationError("Timmar", "måste vara fler än noll")
        with self.db.writing() as s:
            load(s, Agreement, agreement_id)
            h = HoursEntry(agreement_id=agreement_id, worked_on=worked_on, minutes=minutes,
                           description=clean_text(description, "Beskrivning", max_len=500))
            s.add(h)
            s.flush()
            return int(h.id)  # type: ignore[arg-type]

    def add_extra_assignment(self, agreement_id: int, title: str, ordered_on: date, minutes: int,
                             list_price_per_hour_ore: int | None = None, activity_id: int | None = None) -> int:
        if minutes <= 0:
            raise ValidationError("Timmar", "måste vara fler än noll")
        with self.db.writing() as s:
            a = load(s, Agreement, agreement_id)
            price_h = a.list_price_per_hour_ore if list_price_per_hour_ore is None else list_price_per_hour_ore
            if price_h <= 0:
                raise ValidationError("Timpris", "ange partnerns listpris per timme")
            e = ExtraAssignment(agreement_id=a.id, activity_id=activity_id,
                                title=clean_text(title, "Titel", required=True), ordered_on=ordered_on,
                                minutes=minutes, list_price_per_hour_ore=price_h, discount_bp=a.discount_bp,
                                price_ore=hours.extra_work_price_ore(minutes, price_h, a.discount_bp))
            s.add(e)
            s.flush()
            return int(e.id)  # type: ignore[arg-type]

    # ---- internals -----------------------------------------------------------------
    @staticmethod
    def _used_minutes(s: Session, agreement_id: int) -> int:
        return int(s.scalar(select(func.coalesce(func.sum(HoursEntry.minutes), 0))
                            .where(HoursEntry.agreement_id == agreement_id)) or 0)

    @staticmethod
    def _invoice_rows(s: Session, agreement_id: int) -> list[InvoiceRow]:
        return [
            InvoiceRow(i.id, i.year, i.period_no, i.period_start, i.period_end, i.invoice_date, i.due_date,
                       i.amount_ore, InvoiceStatus[i.status], i.invoiced_on, i.paid_on, i.version)
            for i in s.scalars(select(FeeInvoice).where(FeeInvoice.agreement_id == agreement_id)
                               .order_by(FeeInvoice.invoice_date, FeeInvoice.id))
        ]

    @staticmethod
    def _check_orgs(s: Session, data: AgreementInput) -> None:
        if s.get(Organisation, data.our_organisation_id) is None:
            raise ValidationError("Vår organisation", "finns inte")
        for pid in data.partner_ids:
            if s.get(Organisation, pid) is None:
                raise ValidationError("Parter", f"organisation med id {pid} finns inte")

    @staticmethod
    def _set_parties(s: Session, agreement_id: int, partner_ids: tuple[int, ...]) -> None:
        existing = {p.organisation_id: p for p in s.scalars(
            select(AgreementParty).where(AgreementParty.agreement_id == agreement_id))}
        for oid, row in existing.items():
            if oid not in partner_ids:
                s.delete(row)
        for oid in partner_ids:
            if oid not in existing:
                s.add(AgreementParty(agreement_id=agreement_id, organisation_id=oid))

    @staticmethod
    def _sync_invoices(s: Session, a: Agreement, today: date) -> None:
        """Keep invoiced and paid invoices; replace the planned ones with the current plan."""
        s.flush()
        kept = {(i.year, i.period_no): i for i in s.scalars(
            select(FeeInvoice).where(FeeInvoice.agreement_id == a.id))}
        plan = [] if a.annual_fee_ore == 0 else fees.invoice_plan(
            a.start, a.end, fee_terms_of(a), horizon=plan_horizon(a.start, today))
        wanted = {(p.year, p.period_no): p for p in plan}
        for key, inv in kept.items():
            if inv.status == InvoiceStatus.PLANERAD.name and (key not in wanted or _differs(inv, wanted[key])):
                s.delete(inv)
        s.flush()
        for key, p in wanted.items():
            inv = kept.get(key)
            if inv is not None and (inv.status != InvoiceStatus.PLANERAD.name or not _differs(inv, p)):
                continue
            s.add(FeeInvoice(agreement_id=a.id, year=p.year, period_no=p.period_no, period_start=p.period_start,
                             period_end=p.period_end, invoice_date=p.invoice_date, due_date=p.due_date,
                             amount_ore=p.amount_ore))


def _differs(inv: FeeInvoice, p: fees.PlannedInvoice) -> bool:
    return (inv.invoice_date, inv.due_date, inv.amount_ore, inv.period_start, inv.period_end) != (
        p.invoice_date, p.due_date, p.amount_ore, p.period_start, p.period_end)


_INPUT_FIELDS = [f for f in AgreementInput.__dataclass_fields__ if f != "partner_ids"]


def _columns_of(data: AgreementInput) -> dict[str, object]:
    cols: dict[str, object] = {f: getattr(data, f) for f in _INPUT_FIELDS}
    cols["kind"] = data.kind.name
    cols["status"] = data.status.name
    for f in ("title", "case_number"):
        cols[f] = str(cols[f]).strip()
    return cols


def _input_of(a: Agreement, partner_ids: tuple[int, ...]) -> AgreementInput:
    values = {f: getattr(a, f) for f in _INPUT_FIELDS}
    values["kind"] = AgreementKind[a.kind]
    values["status"] = AgreementStatus[a.status]
    return AgreementInput(partner_ids=partner_ids, **values)  # type: ignore[arg-type]


def _decision_row(d: Decision) -> DecisionRow:
    return DecisionRow(d.id, d.body, d.decided_on, d.paragraph, d.case_number, d.outcome, d.reservations, d.activity_id)


def _partner_names(s: Session) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for aid, name in s.execute(select(AgreementParty.agreement_id, Organisation.name)
                               .join(Organisation, Organisation.id == AgreementParty.organisation_id)
                               .order_by(AgreementParty.id)):
        out.setdefault(aid, []).append(name)
    return out


def is_live(status: str) -> bool:
    return AgreementStatus[status] in LIVE_AGREEMENT_STATUSES


__all__ = ["AgreementInput", "AgreementService", "InvoiceLine", "derive", "end_after_notice", "invoice_lines",
           "replace"]
