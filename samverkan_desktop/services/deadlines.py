"""The deadline radar over the whole database: notice and extension deadlines, reports,
invoices and meetings, built from the domain rules."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..domain import notice, radar
from ..domain.catalog import InvoiceStatus, MeetingStatus
from ..domain.cadence import Body
from ..domain.followup import ReportKind
from ..domain.radar import Deadline
from ..domain.stages import ACTIVE_STAGES, DECIDED_STAGES
from ..models import Activity, Agreement, AgreementParty, FeeInvoice, FollowUpReport, Meeting, Organisation
from .agreements import is_live, notice_rule_of

DEFAULT_DAYS = 90
#: Rows fetched per round trip when open reports are streamed
STREAM_BATCH = 2000
#: Reports are owed by activities that have been granted and are not closed.
_REPORTING_STAGES = [st.name for st in DECIDED_STAGES | ACTIVE_STAGES]


def _agreement_terms(s: Session) -> list[radar.AgreementTerms]:
    partners: dict[int, list[str]] = {}
    for aid, name in s.execute(select(AgreementParty.agreement_id, Organisation.name).join(
            Organisation, Organisation.id == AgreementParty.organisation_id).order_by(AgreementParty.id)):
        partners.setdefault(aid, []).append(name)
    return [
        radar.AgreementTerms(
            id=a.id, title=a.title, partner=", ".join(partners.get(a.id, [])), start=a.start, end=a.end,
            status_active=is_live(a.status), notice_rule=notice_rule_of(a),
            extension_lead_months=a.extension_lead_months, notice_given=a.notice_given_on,
        )
        for a in s.scalars(select(Agreement).order_by(Agreement.id)) if is_live(a.status)
    ]


def _agreement_items(s: Session, today: date) -> list[Deadline]:
    items: list[Deadline] = []
    breach = {a.id: (a.breach_request_on, a.breach_aware_on) for a in s.scalars(
        select(Agreement).where((Agreement.breach_request_on.is_not(None)) | (Agreement.breach_aware_on.is_not(None))))}
    for terms in _agreement_terms(s):
        items += radar.agreement_deadlines(terms, today)
        if terms.id in breach:
            items += radar.breach_deadline_items(terms, notice.breach_deadlines(*breach[terms.id]))
    return items


def collect(s: Session, today: date, *, reports: bool = True, until: date | None = None) -> list[Deadline]:
    """Every deadline the database implies (not yet windowed). `reports=False` leaves out the
    reports' deadlines: the Excel export streams those (`open_reports`), as they grow with the
    portfolio. `until` (not before `today`): leave out the reports and meetings due after it,
    which no radar up to that date shows (overdue reports stay)."""
    items = _agreement_items(s, today)
    titles = {aid: title for aid, title in s.execute(select(Agreement.id, Agreement.title))}
    items += radar.invoice_deadlines(
        radar.InvoiceDue(i.id, i.agreement_id, titles.get(i.agreement_id, ""), i.invoice_date, i.due_date,
                         i.amount_ore, i.status != InvoiceStatus.PLANERAD.name, i.status == InvoiceStatus.BETALD.name)
        for i in s.scalars(select(FeeInvoice).where(FeeInvoice.status != InvoiceStatus.BETALD.name)))
    if until is not None and until < today:
        until = None
    if reports:
        items += radar.report_deadlines(
            open_reports(s, *([] if until is None else [FollowUpReport.due <= until])), today)
    meetings = select(Meeting).where(Meeting.held_on >= today,
                                     Meeting.status.in_([MeetingStatus.PLANERAT.name, MeetingStatus.KALLAT.name]))
    if until is not None:
        meetings = meetings.where(Meeting.held_on <= until)
    items += radar.meeting_deadlines(
        radar.MeetingDate(m.id, Body[m.body].value, m.title or Body[m.body].value.capitalize(), m.held_on, m.place)
        for m in s.scalars(meetings))
    return items


def open_reports(s: Session, *where: Any, by_due: bool = False) -> Iterator[radar.ReportDue]:
    """The reports not yet received of activities that owe reports (granted and not closed), as
    plain columns, not ORM objects: this runs over every open report (radar, Excel export).
    `where`: further conditions on FollowUpReport or Activity. `by_due`: in due-date order (then
    id), fetched in batches, so that a caller can stream them a date at a time."""
    q = (select(FollowUpReport.id, FollowUpReport.activity_id, Activity.title, FollowUpReport.kind,
                FollowUpReport.due, FollowUpReport.received_on)
         .join(Activity, Activity.id == FollowUpReport.activity_id)
         .where(FollowUpReport.received_on.is_(None), Activity.stage.in_(_REPORTING_STAGES), *where))
    if by_due:
        q = q.order_by(FollowUpReport.due, FollowUpReport.id).execution_options(yield_per=STREAM_BATCH)
    for rid, aid, title, kind, due, received in s.execute(q):
        yield radar.ReportDue(rid, aid, title, ReportKind[kind], due, received)


def count_open_reports(s: Session, *where: Any) -> int:
    """How many reports `open_reports(s, *where)` gives."""
    return int(s.scalar(select(func.count()).select_from(FollowUpReport).join(
        Activity, Activity.id == FollowUpReport.activity_id).where(
        FollowUpReport.received_on.is_(None), Activity.stage.in_(_REPORTING_STAGES), *where)) or 0)


def next_deadline_by_agreement(s: Session, today: date) -> dict[int, tuple[date, str]]:
    out: dict[int, tuple[date, str]] = {}
    for d in sorted(_agreement_items(s, today), key=lambda d: d.due):
        if d.due >= today and d.agreement_id is not None and d.agreement_id not in out:
            out[d.agreement_id] = (d.due, d.kind.value)
    return out


class DeadlineService:
    def __init__(self, db: Database) -> None:
        self.db = db

    def radar(self, today: date, days: int = DEFAULT_DAYS) -> list[Deadline]:
        with self.db.reading() as s:
            until = today + timedelta(days=days) if days >= 0 else None
            return radar.radar(collect(s, today, until=until), today, days)

    def activity_of_report(self, report_id: int) -> int | None:
        with self.db.reading() as s:
            return s.scalar(select(FollowUpReport.activity_id).where(FollowUpReport.id == report_id))

    def agreement_of_invoice(self, invoice_id: int) -> int | None:
        with self.db.reading() as s:
            return s.scalar(select(FeeInvoice.agreement_id).where(FeeInvoice.id == invoice_id))


__all__ = ["DEFAULT_DAYS", "DeadlineService"]
