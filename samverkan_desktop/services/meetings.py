"""Governance meetings: planning a year from cadence, agendas with § numbers, outcomes that
move activities (one transaction), and the planerat → kallat → genomfört → justerat lock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import extract, func, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..domain import cadence, stages
from ..domain.cadence import Body
from ..domain.catalog import AgendaKind, MEETING_STATUS_ORDER, MeetingStatus
from ..domain.stages import Outcome, Stage
from ..models import Activity, AgendaItem, Agreement, Attendee, Decision, FollowUpReport, Meeting, Person
from .common import clean_text, load
from .errors import LockedError, ValidationError, as_validation
from .history import HistoryEntry, record_history
from .portfolio import PortfolioService


@dataclass(frozen=True)
class MeetingInput:
    body: Body
    held_on: date
    title: str = ""
    place: str = ""
    start_time: str = ""
    end_time: str = ""
    agreement_id: int | None = None
    chair: str = ""
    secretary: str = ""
    adjusters: str = ""


@dataclass(frozen=True)
class MeetingRow:
    id: int
    body: Body
    title: str
    held_on: date
    start_time: str
    place: str
    status: MeetingStatus
    agreement: str
    item_count: int


@dataclass(frozen=True)
class AttendeeRow:
    id: int
    person_id: int | None
    name: str
    role: str
    present: bool | None


@dataclass(frozen=True)
class AgendaItemRow:
    id: int
    paragraph: int
    title: str
    kind: AgendaKind
    activity_id: int | None
    agreement_id: int | None
    report_id: int | None
    case_number: str
    proposal: str
    motions: str
    decision_procedure: str
    decision_text: str
    outcome: Outcome | None
    reservations: str
    sent_to: str
    documents: str
    version: int


@dataclass(frozen=True)
class MeetingDetail:
    id: int
    version: int
    data: MeetingInput
    status: MeetingStatus
    attendees: list[AttendeeRow]
    items: list[AgendaItemRow]

    @property
    def locked(self) -> bool:
        return self.status == MeetingStatus.JUSTERAT


@dataclass(frozen=True)
class EligibleCase:
    """A case the meeting could take up: an activity ready for this body, a report, a closure."""

    kind: AgendaKind
    title: str
    activity_id: int | None
    report_id: int | None
    reason: str


@dataclass(frozen=True)
class AgendaItemInput:
    title: str
    kind: AgendaKind = AgendaKind.OVRIGT
    activity_id: int | None = None
    agreement_id: int | None = None
    report_id: int | None = None
    case_number: str = ""
    proposal: str = ""
    documents: str = ""
    #: Explicit § (e.g. when transcribing old minutes); default continues the body's yearly series.
    paragraph: int | None = None


def _check_time(text: str, field: str) -> str:
    t = text.strip()
    if not t:
        return ""
    parts = t.replace(".", ":").split(":")
    if len(parts) != 2 or not all(p.isdigit() for p in parts) or not (0 <= int(parts[0]) < 24 and 0 <= int(parts[1]) < 60):
        raise ValidationError(field, f"'{text}' är ingen tid (använd TT:MM)")
    return f"{int(parts[0]):02d}:{int(parts[1]):02d}"


class MeetingService:
    def __init__(self, db: Database, portfolio: PortfolioService) -> None:
        self.db = db
        self.portfolio = portfolio

    # ---- reading -------------------------------------------------------------------
    def list_rows(self, year: int | None = None) -> list[MeetingRow]:
        counts = (select(AgendaItem.meeting_id, func.count().label("n")).group_by(AgendaItem.meeting_id).subquery())
        q = (select(Meeting, Agreement.title, counts.c.n).outerjoin(Agreement, Agreement.id == Meeting.agreement_id)
             .outerjoin(counts, counts.c.meeting_id == Meeting.id).order_by(Meeting.held_on, Meeting.id))
        if year is not None:
            q = q.where(extract("year", Meeting.held_on) == year)
        with self.db.reading() as s:
            return [MeetingRow(m.id, Body[m.body], m.title or Body[m.body].value, m.held_on, m.start_time, m.place,
                               MeetingStatus[m.status], ag or "", int(n or 0)) for m, ag, n in s.execute(q)]

    def get(self, meeting_id: int) -> MeetingDetail:
        with self.db.reading() as s:
            m = load(s, Meeting, meeting_id)
            return MeetingDetail(
                id=m.id, version=m.version, data=_input_of(m), status=MeetingStatus[m.status],
                attendees=[AttendeeRow(a.id, a.person_id, a.name, a.role, a.present) for a in s.scalars(
                    select(Attendee).where(Attendee.meeting_id == m.id).order_by(Attendee.id))],
                items=[_item_row(i) for i in s.scalars(
                    select(AgendaItem).where(AgendaItem.meeting_id == m.id).order_by(AgendaItem.paragraph))],
            )

    def history(self, meeting_id: int) -> list[HistoryEntry]:
        """Every change of the meeting, its attendees and agenda items, oldest first."""
        return record_history(self.db, "meeting", meeting_id)

    def eligible_cases(self, meeting_id: int, today: date) -> list[EligibleCase]:
        """Cases this meeting's body can take up now (gate criteria met), not already on its agenda."""
        with self.db.reading() as s:
            m = load(s, Meeting, meeting_id)
            body = Body[m.body]
            on_agenda = set(s.scalars(select(AgendaItem.activity_id).where(
                AgendaItem.meeting_id == m.id, AgendaItem.activity_id.is_not(None))))
            out: list[EligibleCase] = []
            acts = s.scalars(select(Activity).order_by(Activity.id)).all()
            for a in acts:
                if a.id in on_agenda:
                    continue
                st = Stage[a.stage]
                facts = self.portfolio.gate_facts(s, a)
                if body == Body.BEREDNING and st in (Stage.ANSOKAN, Stage.FORBEREDNING, Stage.ATERREMISS, Stage.BEREDNING):
                    if st == Stage.BEREDNING or not stages.gate_problems(st, Stage.BEREDNING, facts):
                        out.append(EligibleCase(AgendaKind.BESLUT, a.title, a.id, None, "Ansökan klar för beredning"))
                elif body == Body.STYRGRUPP and st == Stage.STYRGRUPP:
                    out.append(EligibleCase(AgendaKind.BESLUT, a.title, a.id, None, "Tillstyrkt av beredningen"))
                elif body == Body.STYRGRUPP and st == Stage.AVSLUTNING:
                    why = "Klar för avslutningsbeslut" if not stages.gate_problems(st, Stage.AVSLUTAD, facts) \
                        else "Avslutning: " + "; ".join(stages.gate_problems(st, Stage.AVSLUTAD, facts))
                    out.append(EligibleCase(AgendaKind.AVSLUTNING, a.title, a.id, None, why))
            if body in (Body.STYRGRUPP, Body.LEDNINGSGRUPP, Body.ARBETSGRUPP):
                reports = s.execute(select(FollowUpReport, Activity.title).join(
                    Activity, Activity.id == FollowUpReport.activity_id).where(
                    FollowUpReport.received_on.is_not(None), FollowUpReport.approved.is_(None))
                    .order_by(FollowUpReport.due)).all()
                for r, title in reports:
                    out.append(EligibleCase(AgendaKind.RAPPORT, f"Rapport: {title}", r.activity_id, r.id,
                                            f"Inkommen {r.received_on.isoformat()}"))
            return out

    # ---- writing -------------------------------------------------------------------
    def create(self, data: MeetingInput) -> int:
        cols = _validate(data)
        with self.db.writing() as s:
            m = Meeting(**cols)
            s.add(m)
            s.flush()
            return int(m.id)  # type: ignore[arg-type]

    def update(self, meeting_id: int, version: int, data: MeetingInput) -> None:
        cols = _validate(data)
        with self.db.writing() as s:
            m = load(s, Meeting, meeting_id, version)
            _ensure_open(m)
            for k, v in cols.items():
                setattr(m, k, v)

    def delete(self, meeting_id: int) -> None:
        with self.db.writing() as s:
            m = load(s, Meeting, meeting_id)
            _ensure_open(m)
            if any(i.outcome for i in s.scalars(select(AgendaItem).where(AgendaItem.meeting_id == m.id))):
                raise ValidationError("Möte", "har fattade beslut och kan inte tas bort")
            for model in (Attendee, AgendaItem):
                for obj in s.scalars(select(model).where(model.meeting_id == m.id)):  # type: ignore[attr-defined]
                    s.delete(obj)
            s.delete(m)

    def plan_year(self, year: int, bodies: list[Body], place: str = "", agreement_id: int | None = None) -> list[int]:
        """Create the year's meetings from each body's cadence (existing dates are kept, not doubled)."""
        place = clean_text(place, "Plats")
        if not bodies:
            raise ValidationError("Organ", "välj minst ett organ att planera möten för")
        with self.db.writing() as s:
            created: list[int] = []
            for body in bodies:
                have = set(s.scalars(select(Meeting.held_on).where(
                    Meeting.body == body.name, extract("year", Meeting.held_on) == year)))
                for d in cadence.plan_year(body, year):
                    if d in have:
                        continue
                    m = Meeting(body=body.name, held_on=d, title=body.value.capitalize(), place=place,
                                start_time="13:00", end_time="15:00", agreement_id=agreement_id)
                    s.add(m)
                    s.flush()
                    created.append(int(m.id))  # type: ignore[arg-type]
            return created

    def set_status(self, meeting_id: int, status: MeetingStatus) -> None:
        with self.db.writing() as s:
            m = load(s, Meeting, meeting_id)
            cur = MeetingStatus[m.status]
            if MEETING_STATUS_ORDER.index(status) != MEETING_STATUS_ORDER.index(cur) + 1:
                raise ValidationError("Status", f"kan inte gå från {cur.value} till {status.value}")
            if status == MeetingStatus.JUSTERAT:
                open_items = [i.paragraph for i in s.scalars(select(AgendaItem).where(
                    AgendaItem.meeting_id == m.id, AgendaItem.kind == AgendaKind.BESLUT.name,
                    AgendaItem.outcome.is_(None)))]
                if open_items:
                    raise ValidationError("Status", "beslut saknas för § " + ", ".join(map(str, open_items)))
            m.status = status.name

    def add_attendee(self, meeting_id: int, name: str, role: str = "", person_id: int | None = None,
                     present: bool | None = None) -> int:
        with self.db.writing() as s:
            _ensure_open(load(s, Meeting, meeting_id))
            if person_id is not None:
                p = load(s, Person, person_id)
                name = name or p.name
            a = Attendee(meeting_id=meeting_id, person_id=person_id, name=clean_text(name, "Namn", required=True),
                         role=clean_text(role, "Roll", max_len=100), present=present)
            s.add(a)
            s.flush()
            return int(a.id)  # type: ignore[arg-type]

    def set_presence(self, attendee_id: int, present: bool | None) -> None:
        with self.db.writing() as s:
            a = load(s, Attendee, attendee_id)
            _ensure_open(load(s, Meeting, a.meeting_id))
            a.present = present

    def remove_attendee(self, attendee_id: int) -> None:
        with self.db.writing() as s:
            a = load(s, Attendee, attendee_id)
            _ensure_open(load(s, Meeting, a.meeting_id))
            s.delete(a)

    def remove_item(self, item_id: int) -> None:
        """Take an ärende off the agenda (not once it has a decision)."""
        with self.db.writing() as s:
            i = load(s, AgendaItem, item_id)
            _ensure_open(load(s, Meeting, i.meeting_id))
            if i.outcome:
                raise ValidationError("Ärende", f"§ {i.paragraph} har ett registrerat beslut och kan inte tas bort")
            s.delete(i)

    def add_item(self, meeting_id: int, item: AgendaItemInput) -> int:
        """Add an ärende; its § continues the body's numbering for the calendar year."""
        with self.db.writing() as s:
            m = load(s, Meeting, meeting_id)
            _ensure_open(m)
            case_number = item.case_number
            if item.activity_id is not None:
                act = load(s, Activity, item.activity_id)
                case_number = case_number or act.case_number
            para = item.paragraph or (s.scalar(select(func.max(AgendaItem.paragraph)).join(Meeting, Meeting.id == AgendaItem.meeting_id)
                             .where(Meeting.body == m.body, extract("year", Meeting.held_on) == m.held_on.year)) or 0) + 1
            if s.scalar(select(AgendaItem.id).where(AgendaItem.meeting_id == m.id, AgendaItem.paragraph == para)):
                raise ValidationError("Paragraf", f"§ {para} finns redan i mötet")
            i = AgendaItem(meeting_id=m.id, paragraph=para, title=clean_text(item.title, "Rubrik", required=True),
                           kind=item.kind.name, activity_id=item.activity_id, agreement_id=item.agreement_id,
                           report_id=item.report_id, case_number=clean_text(case_number, "Diarienummer", max_len=60),
                           proposal=clean_text(item.proposal, "Förslag till beslut", max_len=20000),
                           documents=clean_text(item.documents, "Handlingar", max_len=5000))
            s.add(i)
            s.flush()
            return int(i.id)  # type: ignore[arg-type]

    def add_eligible(self, meeting_id: int, case: EligibleCase) -> int:
        return self.add_item(meeting_id, AgendaItemInput(title=case.title, kind=case.kind, activity_id=case.activity_id,
                                                         report_id=case.report_id))

    def update_item_text(self, item_id: int, *, proposal: str | None = None, motions: str | None = None,
                         decision_procedure: str | None = None, sent_to: str | None = None,
                         reservations: str | None = None, version: int | None = None) -> None:
        """Save the minutes' text of an item; with `version` (the one the editor loaded) a save
        over someone else's change raises ConflictError instead."""
        with self.db.writing() as s:
            i = load(s, AgendaItem, item_id, version)
            _ensure_open(load(s, Meeting, i.meeting_id))
            for attr, value, label in (("proposal", proposal, "Förslag till beslut"), ("motions", motions, "Yrkanden"),
                                       ("decision_procedure", decision_procedure, "Beslutsgång"),
                                       ("sent_to", sent_to, "Beslutet skickas till"),
                                       ("reservations", reservations, "Reservationer")):
                if value is not None:
                    setattr(i, attr, clean_text(value, label, max_len=20000))

    def record_outcome(self, item_id: int, outcome: Outcome, decision_text: str = "", reservations: str = "", *,
                       proposal: str | None = None, motions: str | None = None,
                       decision_procedure: str | None = None, sent_to: str | None = None,
                       version: int | None = None) -> None:
        """The decision: item outcome, the activity's stage and its decision history, one transaction.

        The minutes' text fields may be passed along (None: unchanged) so they are saved in the same
        transaction as the decision. With `version` (the one the editor loaded), a decision over
        someone else's change of the item (its text, or a decision already recorded) raises
        ConflictError instead."""
        with self.db.writing() as s:
            i = load(s, AgendaItem, item_id, version)
            m = load(s, Meeting, i.meeting_id)
            _ensure_open(m)
            if i.outcome:
                raise ValidationError("Beslut", f"§ {i.paragraph} har redan beslutet "
                                                f"'{Outcome[i.outcome].value}'")
            for attr, value, label in (("proposal", proposal, "Förslag till beslut"), ("motions", motions, "Yrkanden"),
                                       ("decision_procedure", decision_procedure, "Beslutsgång"),
                                       ("sent_to", sent_to, "Beslutet skickas till")):
                if value is not None:
                    setattr(i, attr, clean_text(value, label, max_len=20000))
            body = Body[m.body]
            i.outcome = outcome.name
            i.decision_text = clean_text(decision_text, "Beslut", max_len=20000) or outcome.value.capitalize()
            i.reservations = clean_text(reservations, "Reservationer", max_len=20000)
            if i.report_id is not None and outcome in (Outcome.GODKANNS, Outcome.NOTERAS):
                rep = load(s, FollowUpReport, i.report_id)
                rep.presented_meeting_id = m.id
                if outcome == Outcome.GODKANNS:
                    rep.approved = True
            if i.activity_id is None:
                if i.agreement_id is not None:
                    s.add(Decision(agreement_id=i.agreement_id, agenda_item_id=i.id, body=body.value,
                                   decided_on=m.held_on, paragraph=f"§ {i.paragraph}", case_number=i.case_number,
                                   outcome=_decision_outcome(i, outcome), reservations=i.reservations))
                return
            a = load(s, Activity, i.activity_id)
            if i.report_id is None:
                current = Stage[a.stage]
                # An application taken up by the preparation group enters beredning first (gate applies).
                if body == Body.BEREDNING and current in (Stage.ANSOKAN, Stage.FORBEREDNING, Stage.ATERREMISS):
                    self.portfolio.move_in_session(s, a, Stage.BEREDNING, on=m.held_on)
                    current = Stage.BEREDNING
                with as_validation():
                    target = stages.stage_after_outcome(current, outcome)
                if target is not None and target != current:
                    self.portfolio.move_in_session(s, a, target, on=m.held_on)
            s.add(Decision(activity_id=a.id, agenda_item_id=i.id, body=body.value, decided_on=m.held_on,
                           paragraph=f"§ {i.paragraph}", case_number=i.case_number or a.case_number,
                           outcome=_decision_outcome(i, outcome), reservations=i.reservations))


def _decision_outcome(item: AgendaItem, outcome: Outcome) -> str:
    """The decision history holds the decision text when it fits its 300 characters; a longer
    text is referred to by its § (the full text stays in the minutes), never cut silently."""
    text = item.decision_text
    if len(text) <= 300:
        return text
    return f"{outcome.value.capitalize()} (beslutstexten i sin helhet i protokollet, § {item.paragraph})"


def _ensure_open(m: Meeting) -> None:
    if m.status == MeetingStatus.JUSTERAT.name:
        raise LockedError("Mötet är justerat och kan inte längre ändras.")


def _validate(data: MeetingInput) -> dict[str, object]:
    return {
        "body": data.body.name, "held_on": data.held_on,
        "title": clean_text(data.title, "Rubrik"), "place": clean_text(data.place, "Plats"),
        "start_time": _check_time(data.start_time, "Starttid"), "end_time": _check_time(data.end_time, "Sluttid"),
        "agreement_id": data.agreement_id, "chair": clean_text(data.chair, "Ordförande", max_len=200),
        "secretary": clean_text(data.secretary, "Sekreterare", max_len=200),
        "adjusters": clean_text(data.adjusters, "Justerare"),
    }


def _input_of(m: Meeting) -> MeetingInput:
    return MeetingInput(body=Body[m.body], held_on=m.held_on, title=m.title, place=m.place, start_time=m.start_time,
                        end_time=m.end_time, agreement_id=m.agreement_id, chair=m.chair, secretary=m.secretary,
                        adjusters=m.adjusters)


def _item_row(i: AgendaItem) -> AgendaItemRow:
    return AgendaItemRow(i.id, i.paragraph, i.title, AgendaKind[i.kind], i.activity_id, i.agreement_id, i.report_id,
                         i.case_number, i.proposal, i.motions, i.decision_procedure, i.decision_text,
                         Outcome[i.outcome] if i.outcome else None, i.reservations, i.sent_to, i.documents, i.version)

