"""Printed documents and the calendar: gather the data through the other services, render
(PDF or iCalendar) and record every generated document on its case.

The GUI and the CLI use the same calls:

    docs = DocumentService(db)
    pdf = docs.beslutsunderlag(activity_id, today)        # GeneratedPdf: .data bytes, .filename ...
    docs.save(pdf, path)                                    # write + record, one transaction
    docs.record_pdf(pdf, "(utskrift)")                      # printed without saving a file

Rendering never writes to the database; only `record*` and `save` do. reportlab is imported
only when a PDF is rendered (it stays out of the application's start-up)."""

from __future__ import annotations

import hashlib
import os
import re
import uuid
from dataclasses import dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.audit import current_user
from ..db.database import Database
from ..domain.cadence import Body
from ..domain.catalog import DocumentKind, FundingSource, MeetingStatus, OrgKind, SignatoryKind
from ..domain.followup import ReportKind
from ..domain.stages import GRANTED_STAGES, Stage
from ..exporters.document_models import (
    AgendaEntry,
    CoFinancingCertificate,
    DecisionBasis,
    DecisionRef,
    FundingCell,
    MeetingAttendee,
    MeetingDocument,
    OrgBranding,
    Party,
    ReportDue,
    Signatory,
)
from ..models import AgendaItem, Agreement, GeneratedDocument, Meeting, Organisation, Person
from .agreements import AgreementService, DecisionRow
from .common import clean_text
from .deadlines import DeadlineService
from .errors import NotFoundError, ValidationError
from .meetings import MeetingDetail, MeetingService
from .portfolio import ActivityDetail, DocumentRow, PortfolioService

__all__ = ["CLOSURE_REQUIREMENTS", "DocumentRefs", "DocumentService", "GeneratedPdf", "OrgBranding", "SavedDocument"]

#: What closure requires (seed 004, "Avslut").
CLOSURE_REQUIREMENTS = (
    "en vetenskaplig slutrapport enligt publicerad mall, och",
    "en populärvetenskaplig presentation vid ett resultatspridningstillfälle (hålls två gånger per år, under "
    "kvartal 2 och 4).",
)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


@dataclass(frozen=True)
class DocumentRefs:
    """The case a document belongs to (any of them may be None)."""

    activity_id: int | None = None
    meeting_id: int | None = None
    agreement_id: int | None = None


@dataclass(frozen=True)
class GeneratedPdf:
    kind: DocumentKind
    data: bytes
    filename: str  # suggested file name (Windows-safe)
    title: str
    pages: int
    refs: DocumentRefs

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.data).hexdigest()


@dataclass(frozen=True)
class SavedDocument:
    id: int
    path: Path
    sha256: str


class DocumentService:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.portfolio = PortfolioService(db)
        self.meetings = MeetingService(db, self.portfolio)
        self.agreements = AgreementService(db)
        self.deadlines = DeadlineService(db)

    # ---- PDFs --------------------------------------------------------------------------
    def beslutsunderlag(self, activity_id: int, today: date, branding: OrgBranding | None = None,
                        decision_id: int | None = None) -> GeneratedPdf:
        """The beslutsunderlag in two copies; only for a granted activity."""
        from ..exporters.decision_documents import render_beslutsunderlag

        data = self.beslutsunderlag_data(activity_id, today, branding, decision_id)
        out = render_beslutsunderlag(data)
        name = f"Beslutsunderlag {data.case_number or data.title} {today.isoformat()}.pdf"
        return _pdf(DocumentKind.BESLUTSUNDERLAG, out.data, out.pages, name, f"Beslutsunderlag – {data.title}",
                    DocumentRefs(activity_id=activity_id, agreement_id=self._agreement_id_of(activity_id)))

    def medfinansieringsintyg(self, activity_id: int, today: date, branding: OrgBranding | None = None,
                              decision_id: int | None = None) -> GeneratedPdf:
        """The co-financing certificate for an application to an external funder."""
        from ..exporters.decision_documents import render_medfinansieringsintyg

        data = self.medfinansieringsintyg_data(activity_id, today, branding, decision_id)
        out = render_medfinansieringsintyg(data)
        name = f"Medfinansieringsintyg {data.case_number or data.title} {today.isoformat()}.pdf"
        return _pdf(DocumentKind.MEDFINANSIERINGSINTYG, out.data, out.pages, name,
                    f"Medfinansieringsintyg – {data.title}",
                    DocumentRefs(activity_id=activity_id, agreement_id=self._agreement_id_of(activity_id)))

    def kallelse(self, meeting_id: int, today: date, branding: OrgBranding | None = None) -> GeneratedPdf:
        from ..exporters.meeting_documents import render_kallelse

        m = self.meeting_data(meeting_id, today, branding)
        out = render_kallelse(m)
        return _pdf(DocumentKind.KALLELSE, out.data, out.pages,
                    f"Kallelse {m.title} {m.held_on.isoformat()}.pdf", f"Kallelse – {m.title} {m.held_on.isoformat()}",
                    self._meeting_refs(meeting_id))

    def protokoll(self, meeting_id: int, today: date, branding: OrgBranding | None = None) -> GeneratedPdf:
        from ..exporters.meeting_documents import render_protokoll

        m = self.meeting_data(meeting_id, today, branding)
        out = render_protokoll(m)
        return _pdf(DocumentKind.PROTOKOLL, out.data, out.pages,
                    f"Protokoll {m.title} {m.held_on.isoformat()}.pdf", f"Protokoll – {m.title} {m.held_on.isoformat()}",
                    self._meeting_refs(meeting_id))

    def protokollsutdrag(self, meeting_id: int, paragraph: int, today: date,
                         branding: OrgBranding | None = None) -> GeneratedPdf:
        from ..exporters.meeting_documents import render_protokollsutdrag

        m = self.meeting_data(meeting_id, today, branding)
        detail = self.meetings.get(meeting_id)
        item = next((i for i in detail.items if i.paragraph == paragraph), None)
        if item is None:
            have = ", ".join(f"§ {i.paragraph}" for i in detail.items) or "inga paragrafer"
            raise ValidationError("Paragraf", f"§ {paragraph} finns inte i mötet ({have})")
        out = render_protokollsutdrag(m, paragraph)
        refs = DocumentRefs(meeting_id=meeting_id, activity_id=item.activity_id,
                            agreement_id=item.agreement_id or detail.data.agreement_id)
        return _pdf(DocumentKind.PROTOKOLLSUTDRAG, out.data, out.pages,
                    f"Protokollsutdrag {m.title} {m.held_on.isoformat()} § {paragraph}.pdf",
                    f"Protokollsutdrag – {m.title} {m.held_on.isoformat()} § {paragraph}", refs)

    # ---- recording ---------------------------------------------------------------------
    def record(self, kind: DocumentKind, refs: DocumentRefs, sha256: str, filename: str = "") -> int:
        """Store that a document was generated (kind, time, user, SHA-256, file name)."""
        with self.db.writing() as s:
            return self._add(s, kind, refs, sha256, filename)

    def record_pdf(self, pdf: GeneratedPdf, filename: str = "") -> int:
        """Record a generated PDF, e.g. after printing it (filename: what to show, may be empty)."""
        return self.record(pdf.kind, pdf.refs, pdf.sha256, filename)

    def save(self, pdf: GeneratedPdf, path: Path) -> SavedDocument:
        """Write the PDF (atomically) and record it, in one transaction: if the file cannot be
        written nothing is recorded; if recording fails the file is not left behind. A folder
        as ``path`` gets the suggested file name."""
        target = Path(path)
        if target.is_dir():
            target = target / pdf.filename
        target = target.absolute()
        tmp = target.with_name(f".{target.name}.{uuid.uuid4().hex[:8]}.tmp")
        try:
            tmp.write_bytes(pdf.data)
            with self.db.writing() as s:
                doc_id = self._add(s, pdf.kind, pdf.refs, pdf.sha256, str(target))
                os.replace(tmp, target)
        finally:
            tmp.unlink(missing_ok=True)
        return SavedDocument(doc_id, target, pdf.sha256)

    def documents(self, refs: DocumentRefs) -> list[DocumentRow]:
        """Generated documents of a case (activity, meeting or agreement), oldest first."""
        q = select(GeneratedDocument).order_by(GeneratedDocument.id)
        if refs.activity_id is not None:
            q = q.where(GeneratedDocument.activity_id == refs.activity_id)
        if refs.meeting_id is not None:
            q = q.where(GeneratedDocument.meeting_id == refs.meeting_id)
        if refs.agreement_id is not None:
            q = q.where(GeneratedDocument.agreement_id == refs.agreement_id)
        with self.db.reading() as s:
            return [_doc_row(d) for d in s.scalars(q)]

    def identify(self, data: bytes) -> list[DocumentRow]:
        """Which recorded document these bytes are (e.g. a PDF file someone brings back)."""
        digest = hashlib.sha256(data).hexdigest()
        with self.db.reading() as s:
            return [_doc_row(d) for d in s.scalars(select(GeneratedDocument).where(
                GeneratedDocument.sha256 == digest).order_by(GeneratedDocument.id))]

    # ---- calendar ----------------------------------------------------------------------
    def calendar_ics(self, today: date, days: int = 365, stamp: datetime | None = None) -> tuple[bytes, int]:
        """Every meeting and the radar's deadlines for ``days`` ahead as iCalendar; (bytes, events)."""
        from ..exporters.calendar_ics import CalendarMeeting, build_calendar

        if days < 0:
            raise ValidationError("Dagar", "antalet dagar får inte vara negativt")
        # two queries whatever the number of meetings (one per meeting took 7 s at 5 000)
        agendas: dict[int, list[str]] = {}
        with self.db.reading() as s:
            for mid, paragraph, title in s.execute(select(AgendaItem.meeting_id, AgendaItem.paragraph, AgendaItem.title)
                                                   .order_by(AgendaItem.meeting_id, AgendaItem.paragraph)):
                agendas.setdefault(mid, []).append(f"§ {paragraph} {title}")
            meetings = [CalendarMeeting(
                id=m.id, title=m.title or Body[m.body].value, body=Body[m.body].value, held_on=m.held_on,
                start_time=m.start_time, end_time=m.end_time, place=m.place, status=MeetingStatus[m.status].value,
                agenda=tuple(agendas.get(m.id, ())), sequence=m.version - 1)
                for m in s.scalars(select(Meeting).order_by(Meeting.held_on, Meeting.id))]
        deadlines = self.deadlines.radar(today, days)
        return build_calendar(meetings, deadlines, today=today, stamp=stamp or datetime.now(timezone.utc))

    # ---- data for the renderers (public: the GUI may show or test them) ---------------
    def beslutsunderlag_data(self, activity_id: int, today: date, branding: OrgBranding | None = None,
                             decision_id: int | None = None) -> DecisionBasis:
        a = self.portfolio.get(activity_id, today)
        if a.stage not in GRANTED_STAGES:
            raise ValidationError("Beslutsunderlag", f"kan upprättas först när aktiviteten är beviljad "
                                                     f"(steg nu: {a.stage.value})")
        decision = _pick(a.decisions, decision_id, grant=True)
        with self.db.reading() as s:
            ctx = _Context.of(s, a)
            return DecisionBasis(
                branding=branding or ctx.branding(), doc_date=today,
                case_number=a.data.case_number or (decision.case_number if decision else ""),
                activity_kind=a.data.kind.value, title=a.data.title, agreement=a.agreement,
                agreement_case_number=ctx.agreement_case_number, parent_title=a.parent_title,
                researcher=a.researcher, university=a.university, official=a.official,
                administration=a.data.administration or a.company, start=a.data.start, end=a.data.end,
                research_question=a.data.research_question, deliverables=a.data.deliverables,
                parties=ctx.parties(), decision=_ref(decision), funding=_funding(a),
                reports=_reports(a), closure_requirements=CLOSURE_REQUIREMENTS,
                signatories=ctx.signatories(s),
            )

    def medfinansieringsintyg_data(self, activity_id: int, today: date, branding: OrgBranding | None = None,
                                   decision_id: int | None = None) -> CoFinancingCertificate:
        a = self.portfolio.get(activity_id, today)
        if a.data.external_funder_id is None:
            raise ValidationError("Medfinansieringsintyg", "aktiviteten har ingen extern finansiär")
        if a.stage != Stage.MEDFINANSIERING and a.stage not in GRANTED_STAGES:
            raise ValidationError("Medfinansieringsintyg", "kräver ett medfinansieringsbeslut i styrgruppen "
                                                           f"(steg nu: {a.stage.value})")
        decision = _pick(a.decisions, decision_id, grant=False)
        with self.db.reading() as s:
            ctx = _Context.of(s, a)
            funder = ctx.org(a.data.external_funder_id)
            cells = tuple(c for c in _funding(a) if c.source in (FundingSource.KOMMUN_KONTANT,
                                                                 FundingSource.NATURAINSATS))
            return CoFinancingCertificate(
                branding=branding or ctx.branding(), doc_date=today,
                case_number=a.data.case_number or (decision.case_number if decision else ""),
                activity_kind=a.data.kind.value, title=a.data.title, funder=a.external_funder,
                university=a.university, researcher=a.researcher, official=a.official,
                administration=a.data.administration or a.company, start=a.data.start, end=a.data.end,
                applied_from_funder_ore=sum(c.amount_ore for c in a.budget if c.source == FundingSource.EXTERN),
                cofinancing=cells,
                parties=ctx.parties() + ((Party("Extern finansiär", funder.name, funder.org_nr or ""),)
                                         if funder else ()),
                decision=_ref(decision), signatories=ctx.signatories(s),
                municipality=ctx.company.name if ctx.company else (ctx.municipality.name if ctx.municipality
                                                                    else "kommunen"),
            )

    def meeting_data(self, meeting_id: int, today: date, branding: OrgBranding | None = None) -> MeetingDocument:
        m = self.meetings.get(meeting_id)
        with self.db.reading() as s:
            agreement = s.get(Agreement, m.data.agreement_id) if m.data.agreement_id else None
            brand = branding or OrgBranding(_meeting_org(s, m))
            return MeetingDocument(
                branding=brand, doc_date=today, body=_cap(m.data.body.value),
                title=m.data.title or _cap(m.data.body.value), held_on=m.data.held_on,
                start_time=m.data.start_time, end_time=m.data.end_time, place=m.data.place, chair=m.data.chair,
                secretary=m.data.secretary, adjusters=tuple(_split(m.data.adjusters, ",;\n")),
                attendees=tuple(MeetingAttendee(x.name, x.role, x.present) for x in m.attendees),
                items=tuple(AgendaEntry(
                    paragraph=i.paragraph, title=i.title, kind=i.kind.value,
                    case_number=i.case_number or _activity_case_number(s, i.activity_id),
                    documents=tuple(_split(i.documents, "\n")), proposal=i.proposal, motions=i.motions,
                    decision_procedure=i.decision_procedure,
                    decision=i.decision_text or ("" if i.outcome is None else _cap(i.outcome.value)),
                    reservations=i.reservations, sent_to=tuple(_split(i.sent_to, "\n")))
                    for i in m.items),
                case_number=agreement.case_number if agreement else "",
                adjusted=m.status == MeetingStatus.JUSTERAT,
                public_notice=m.data.body in (Body.KOMMUNSTYRELSEN, Body.KSAU),
            )

    # ---- internals ---------------------------------------------------------------------
    def _add(self, s: Session, kind: DocumentKind, refs: DocumentRefs, sha256: str, filename: str) -> int:
        if not _SHA256.match(sha256):
            raise ValidationError("SHA-256", "ska vara 64 hexadecimala tecken")
        row = GeneratedDocument(kind=kind.name, activity_id=refs.activity_id, meeting_id=refs.meeting_id,
                                agreement_id=refs.agreement_id, created_by=s.info.get("user") or current_user(),
                                sha256=sha256, filename=clean_text(filename, "Filnamn", max_len=500))
        s.add(row)
        s.flush()
        return int(row.id)  # type: ignore[arg-type]

    def _agreement_id_of(self, activity_id: int) -> int | None:
        from ..models import Activity

        with self.db.reading() as s:
            a = s.get(Activity, activity_id)
            return a.agreement_id if a else None

    def _meeting_refs(self, meeting_id: int) -> DocumentRefs:
        return DocumentRefs(meeting_id=meeting_id, agreement_id=self.meetings.get(meeting_id).data.agreement_id)


# ---- helpers ---------------------------------------------------------------------------
@dataclass(frozen=True)
class _Org:
    id: int
    name: str
    kind: OrgKind
    org_nr: str | None


@dataclass
class _Context:
    """The organisations around an activity: university, municipality, company."""

    activity: ActivityDetail
    university: _Org | None
    municipality: _Org | None
    company: _Org | None
    agreement_case_number: str
    orgs: dict[int, _Org]

    @classmethod
    def of(cls, s: Session, a: ActivityDetail) -> "_Context":
        orgs = {o.id: _Org(o.id, o.name, OrgKind[o.kind], o.org_nr) for o in s.scalars(select(Organisation))}
        agreement = s.get(Agreement, a.data.agreement_id) if a.data.agreement_id else None
        municipality = orgs.get(agreement.our_organisation_id) if agreement else None
        if municipality is None:
            municipality = next((o for o in orgs.values() if o.kind == OrgKind.KOMMUN), None)
        university = orgs.get(a.data.university_id) if a.data.university_id else None
        if university is None and agreement is not None:
            from ..models import AgreementParty

            for oid in s.scalars(select(AgreementParty.organisation_id).where(
                    AgreementParty.agreement_id == agreement.id).order_by(AgreementParty.id)):
                if orgs[oid].kind in (OrgKind.LAROSATE, OrgKind.FORSKNINGSINSTITUT):
                    university = orgs[oid]
                    break
        company = orgs.get(a.data.company_id) if a.data.company_id else None
        return cls(a, university, municipality, company, agreement.case_number if agreement else "", orgs)

    def org(self, org_id: int | None) -> _Org | None:
        return self.orgs.get(org_id) if org_id is not None else None

    def branding(self) -> OrgBranding:
        return OrgBranding(self.municipality.name if self.municipality else "")

    def parties(self) -> tuple[Party, ...]:
        out: list[Party] = []
        if self.university:
            role = "Lärosäte" if self.university.kind == OrgKind.LAROSATE else _cap(self.university.kind.value)
            out.append(Party(role, self.university.name, self.university.org_nr or ""))
        if self.municipality:
            out.append(Party("Kommun", self.municipality.name, self.municipality.org_nr or ""))
        if self.company:
            out.append(Party("Kommunalt bolag", self.company.name, self.company.org_nr or ""))
        return tuple(out)

    def signatories(self, s: Session) -> tuple[Signatory, ...]:
        """Rektor, and the kommunbolagschef where a municipal company is party, else the kommundirektör."""
        out: list[Signatory] = []
        uni = self.university
        if uni is not None:
            is_uni = uni.kind == OrgKind.LAROSATE
            out.append(Signatory(uni.name, "Rektor" if is_uni else "Behörig firmatecknare",
                                 _signer_name(s, uni.id, "rektor" if is_uni else "firmatecknare")))
        else:
            out.append(Signatory("lärosätet", "Rektor"))
        if self.company is not None:
            kind, org = SignatoryKind.KOMMUNBOLAGSCHEF, self.company
        else:
            kind, org = SignatoryKind.KOMMUNDIREKTOR, self.municipality
        name = _signer_name(s, org.id, kind.value) if org else ""
        out.append(Signatory(org.name if org else "kommunen", _cap(kind.value), name, kind))
        return tuple(out)


def _signer_name(s: Session, org_id: int, word: str) -> str:
    """The person who signs for ``org_id``: by title (e.g. 'Rektor'), or a role on an agreement
    naming it (e.g. 'Firmatecknare (rektor)'). Empty when unknown: the line is filled in by hand."""
    from ..models import AgreementRole

    w = word.casefold()
    people = [p for p in s.scalars(select(Person).where(Person.organisation_id == org_id).order_by(Person.id))
              if p.pseudonymised_at is None]
    exact = [p for p in people if p.title.strip().casefold() == w]
    if exact:
        return exact[0].name
    by_role = {p.id: p for p in people}
    for pid, role in s.execute(select(AgreementRole.person_id, AgreementRole.role).order_by(AgreementRole.id)):
        if pid in by_role and w in role.casefold():
            return by_role[pid].name
    loose = [p for p in people if re.search(rf"\b{re.escape(w)}\b", p.title.casefold())]
    return loose[0].name if loose else ""


def _pick(decisions: list[DecisionRow], decision_id: int | None, *, grant: bool) -> DecisionRow | None:
    """The decision the document rests on: the one asked for, else the latest steering-group
    grant (beslutsunderlag) or co-financing decision (intyg), else the latest decision."""
    if decision_id is not None:
        for d in decisions:
            if d.id == decision_id:
                return d
        raise NotFoundError(f"Beslutet med id {decision_id} hör inte till aktiviteten.")
    if not decisions:
        return None
    styr = [d for d in decisions if "styrgrupp" in d.body.casefold()] or decisions
    if grant:
        fitting = [d for d in styr if "avslut" not in d.outcome.casefold() and "medfinansiering" not in
                   d.outcome.casefold()]
    else:
        fitting = [d for d in decisions if "medfinansiering" in d.outcome.casefold()]
    return (fitting or styr)[-1]


def _ref(d: DecisionRow | None) -> DecisionRef | None:
    if d is None:
        return None
    return DecisionRef(body=d.body, decided_on=d.decided_on, paragraph=d.paragraph, case_number=d.case_number,
                       text=d.outcome, reservations=d.reservations)


def _funding(a: ActivityDetail) -> tuple[FundingCell, ...]:
    """Budget cells summed per year and source (cost kinds folded), in source order."""
    sums: dict[tuple[int, FundingSource], int] = {}
    for c in a.budget:
        if c.amount_ore:
            sums[(c.year, c.source)] = sums.get((c.year, c.source), 0) + c.amount_ore
    order = list(FundingSource)
    return tuple(FundingCell(y, src, amt) for (y, src), amt in
                 sorted(sums.items(), key=lambda kv: (kv[0][0], order.index(kv[0][1]))))


def _reports(a: ActivityDetail) -> tuple[ReportDue, ...]:
    counts: dict[ReportKind, int] = {}
    for r in a.reports:
        counts[r.kind] = counts.get(r.kind, 0) + 1
    seen: dict[ReportKind, int] = {}
    out = []
    for r in sorted(a.reports, key=lambda r: (r.due, r.sequence)):
        seen[r.kind] = seen.get(r.kind, 0) + 1
        label = _cap(r.kind.value) + (f" {seen[r.kind]}" if counts[r.kind] > 1 else "")
        out.append(ReportDue(label, r.due))
    return tuple(out)


def _meeting_org(s: Session, m: MeetingDetail) -> str:
    """The issuing organisation of a meeting's documents: its agreement's (or its items')."""
    from ..models import Activity

    agreement_ids = [m.data.agreement_id] + [i.agreement_id for i in m.items]
    for i in m.items:
        if i.activity_id is not None:
            act = s.get(Activity, i.activity_id)
            agreement_ids.append(act.agreement_id if act else None)
    for aid in agreement_ids:
        if aid is not None and (ag := s.get(Agreement, aid)) is not None:
            org = s.get(Organisation, ag.our_organisation_id)
            if org is not None:
                return org.name
    own = s.scalars(select(Organisation).where(Organisation.is_own.is_(True)).order_by(Organisation.id)).first()
    return own.name if own else ""


def _activity_case_number(s: Session, activity_id: int | None) -> str:
    from ..models import Activity

    act = s.get(Activity, activity_id) if activity_id is not None else None
    return act.case_number if act else ""


def _doc_row(d: GeneratedDocument) -> DocumentRow:
    return DocumentRow(d.id, d.kind, d.created_at.isoformat(timespec="seconds"), d.created_by, d.sha256, d.filename)


def _pdf(kind: DocumentKind, data: bytes, pages: int, filename: str, title: str, refs: DocumentRefs) -> GeneratedPdf:
    from ..exporters.pdf_base import safe_filename

    stem = filename[:-4] if filename.endswith(".pdf") else filename
    return GeneratedPdf(kind, data, safe_filename(stem) + ".pdf", title, pages, refs)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _split(text: str, seps: str) -> list[str]:
    parts = re.split("[" + re.escape(seps) + "]", text or "")
    return [p.strip() for p in parts if p.strip()]

