"""Personal data of contact persons (GDPR): an extract of everything about a person (art. 15,
and art. 20 as JSON), and pseudonymisation where the law allows erasure from the working register.

What pseudonymisation changes, and what it deliberately keeps:
- the person's name becomes "Person <id> (pseudonymiserad)"; title, e-mail and phone are emptied;
  `pseudonymised_at` records when. Roles, responsibilities and attendances keep pointing at the
  (now pseudonymous) person, so the history of agreements and activities still adds up;
- the attendee name on meetings that are not yet justerade follows the pseudonym; attendance
  lists of *justerade* meetings are part of the minutes (allmän handling) and are kept as they are;
- decisions, agenda items, minutes text and generated documents are public records and are not
  touched (arkivlagen; GDPR art. 17(3)(b),(d)); free-text mentions of the name there stay;
- the change log is append-only (a database trigger rejects UPDATE and DELETE), so its *earlier*
  rows still contain the old name and contact details. The pseudonymisation itself is logged
  without them (old value "(dold)"), with who did it and why. Removing personal data from the
  change log needs a gallringsbeslut and a separate, supervised procedure (not in the program).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, or_, select, update

from ..db.audit import current_user
from ..db.database import Database
from ..domain.catalog import MeetingStatus
from ..models import Activity, Agreement, AgreementRole, Attendee, ChangeLog, Meeting, Organisation, Person
from ..models.base import utcnow
from .common import clean_text, load, row_values
from .errors import ConflictError, ValidationError

HIDDEN_VALUE = "(dold)"
PERSON_FIELDS = ("name", "title", "email", "phone")
_PERSON_REFS = ("person_id", "responsible_researcher_id", "responsible_official_id")


def pseudonym_for(person_id: int) -> str:
    return f"Person {person_id} (pseudonymiserad)"


@dataclass(frozen=True)
class PseudonymResult:
    person_id: int
    pseudonym: str
    attendees_updated: int
    #: Attendances on justerade meetings (part of the minutes) kept under the old name.
    attendees_kept: int
    #: Change-log rows written before today that still contain the old values (append-only log).
    old_log_rows: int

    def message(self) -> str:
        text = f"Personen har pseudonymiserats som \"{self.pseudonym}\"."
        if self.attendees_updated:
            text += f" {self.attendees_updated} närvaroposter på ojusterade möten har fått pseudonymen."
        if self.attendees_kept:
            text += (f" {self.attendees_kept} närvaroposter på justerade möten ingår i protokoll (allmän handling) "
                     "och har inte ändrats.")
        if self.old_log_rows:
            text += (f" {self.old_log_rows} äldre rader i ändringsloggen innehåller fortfarande de tidigare "
                     "uppgifterna; loggen kan inte ändras i efterhand.")
        return text

    def consequences(self) -> str:
        """What pseudonymising will do, before it is done (the confirmation names it)."""
        text = (f"Namnet ersätts med \"{self.pseudonym}\" och titel, e-post och telefon töms. Roller, ansvar och "
                "närvaro pekar fortfarande på personen, under pseudonymen.")
        if self.attendees_updated:
            text += f" {self.attendees_updated} närvaroposter på ojusterade möten får pseudonymen."
        if self.attendees_kept:
            text += (f" {self.attendees_kept} närvaroposter på justerade möten ingår i protokoll (allmän handling) "
                     "och ändras inte.")
        text += " Beslut, ärenden, protokollstext och skapade dokument är allmänna handlingar och ändras inte."
        if self.old_log_rows:
            text += (f" {self.old_log_rows} äldre rader i ändringsloggen innehåller fortfarande de tidigare "
                     "uppgifterna; loggen kan inte ändras i efterhand.")
        return text + " Pseudonymiseringen loggas med vem som gjorde den och varför. Den kan inte ångras."


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    return value


class PrivacyService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- extract (art. 15 / 20) -----------------------------------------------------
    def export_person(self, person_id: int) -> dict[str, Any]:
        """Everything the database holds about a person, as plain JSON-able values."""
        with self.db.reading() as s:
            p = load(s, Person, person_id)
            org = s.get(Organisation, p.organisation_id) if p.organisation_id else None
            person = {k: _plain(v) for k, v in row_values(p).items()}
            person["organisation"] = org.name if org else ""
            roles = [{"avtal_id": a.id, "avtal": a.title, "roll": r.role, "sida": r.side}
                     for r, a in s.execute(select(AgreementRole, Agreement).join(
                         Agreement, Agreement.id == AgreementRole.agreement_id)
                         .where(AgreementRole.person_id == person_id).order_by(AgreementRole.id))]
            responsible = []
            for a in s.scalars(select(Activity).where(or_(Activity.responsible_researcher_id == person_id,
                                                          Activity.responsible_official_id == person_id))
                               .order_by(Activity.id)):
                as_what = []
                if a.responsible_researcher_id == person_id:
                    as_what.append("ansvarig forskare")
                if a.responsible_official_id == person_id:
                    as_what.append("ansvarig tjänsteperson")
                responsible.append({"aktivitet_id": a.id, "titel": a.title, "steg": a.stage, "som": as_what})
            attendances = [{"möte_id": m.id, "datum": m.held_on.isoformat(), "organ": m.body, "rubrik": m.title,
                            "namn_i_protokollet": at.name, "roll": at.role, "närvarande": at.present,
                            "mötesstatus": m.status}
                           for at, m in s.execute(select(Attendee, Meeting).join(Meeting, Meeting.id == Attendee.meeting_id)
                                                  .where(Attendee.person_id == person_id).order_by(Meeting.held_on))]
            mentions = []
            if len(p.name.strip()) >= 3:
                pattern = f"%{p.name.strip()}%"
                for m in s.scalars(select(Meeting).where(or_(Meeting.chair.like(pattern), Meeting.secretary.like(pattern),
                                                             Meeting.adjusters.like(pattern))).order_by(Meeting.held_on)):
                    for field, label in (("chair", "ordförande"), ("secretary", "sekreterare"), ("adjusters", "justerare")):
                        if p.name.strip() in (getattr(m, field) or ""):
                            mentions.append({"möte_id": m.id, "datum": m.held_on.isoformat(), "som": label,
                                             "text": getattr(m, field)})
            log = [{"id": c.id, "tid": c.at.isoformat(), "användare": c.user, "post": c.entity, "post_id": c.entity_id,
                    "händelse": c.action, "fält": c.field, "före": c.old, "efter": c.new}
                   for c in s.scalars(self._log_query(p))]
        return {
            "om": ("Utdrag ur Samverkan Desktop med alla uppgifter som rör personen (dataskyddsförordningen "
                   "art. 15 och 20). Ändringsloggen visar vem som har ändrat vad och när."),
            "skapat": utcnow().isoformat(timespec="seconds"),
            "skapat_av": self.db.user or current_user(),
            "person": person,
            "roller_i_avtal": roles,
            "ansvar_för_aktiviteter": responsible,
            "närvaro_vid_möten": attendances,
            "nämns_i_möten": mentions,
            "ändringslogg": log,
        }

    def export_person_json(self, person_id: int) -> str:
        return json.dumps(self.export_person(person_id), ensure_ascii=False, indent=2)

    @staticmethod
    def _log_query(p: Person) -> Any:
        ident = str(p.id)
        conditions = [(ChangeLog.entity == "person") & (ChangeLog.entity_id == p.id)]
        conditions.append(ChangeLog.field.in_(_PERSON_REFS) & ((ChangeLog.old == ident) | (ChangeLog.new == ident)))
        for value in (p.name.strip(), p.email.strip()):
            if len(value) >= 3:
                conditions.append(ChangeLog.old.contains(value, autoescape=True)
                                  | ChangeLog.new.contains(value, autoescape=True))
        return select(ChangeLog).where(or_(*conditions)).order_by(ChangeLog.id)

    # ---- pseudonymise -----------------------------------------------------------------
    def preview_pseudonymisation(self, person_id: int, reason: str | None = None) -> PseudonymResult:
        """What `pseudonymise_person` would change, counted now without changing anything (for the
        confirmation). With `reason`, it is checked as `pseudonymise_person` checks it."""
        if reason is not None:
            clean_text(reason, "Skäl", required=True, max_len=2000)
        with self.db.reading() as s:
            p = load(s, Person, person_id)
            if p.pseudonymised_at is not None:
                raise ValidationError("Person", f"är redan pseudonymiserad ({p.name})")
            statuses = [st for (st,) in s.execute(select(Meeting.status).join(
                Attendee, Attendee.meeting_id == Meeting.id).where(Attendee.person_id == person_id))]
            kept = sum(1 for st in statuses if st == MeetingStatus.JUSTERAT.name)
            return PseudonymResult(person_id, pseudonym_for(person_id), len(statuses) - kept, kept,
                                   len(s.scalars(self._log_query(p)).all()))

    def pseudonymise_person(self, person_id: int, reason: str, by: str | None = None, *,
                            version: int | None = None) -> PseudonymResult:
        """Replace the person's identifying data with a pseudonym (one transaction, logged with
        who and why). Refuses without a reason, and a person already pseudonymised."""
        reason = clean_text(reason, "Skäl", required=True, max_len=2000)
        user = (by or self.db.user or current_user()).strip()[:100] or "okänd"
        pseudonym = pseudonym_for(person_id)
        at = utcnow()
        with self.db.writing() as s:
            p = load(s, Person, person_id, version)
            if p.pseudonymised_at is not None:
                raise ValidationError("Person", f"är redan pseudonymiserad ({p.name})")
            old_log_rows = len(s.scalars(self._log_query(p)).all())
            before = {f: getattr(p, f) for f in PERSON_FIELDS}
            current_version = p.version
            s.expunge(p)  # the row is changed below with one checked UPDATE, not through the ORM
            res = s.execute(update(Person).where(Person.id == person_id, Person.version == current_version)
                            .values(name=pseudonym, title="", email="", phone="", pseudonymised_at=at,
                                    version=current_version + 1))
            if res.rowcount != 1:  # type: ignore[attr-defined]
                raise ConflictError("Personen", person_id)
            base = {"at": at, "user": user, "entity": "person", "entity_id": person_id}
            rows: list[dict[str, Any]] = [{**base, "action": "pseudonym", "field": "skäl", "old": None, "new": reason}]
            for f in PERSON_FIELDS:
                new = pseudonym if f == "name" else ""
                if before[f] != new:
                    rows.append({**base, "action": "update", "field": f, "old": HIDDEN_VALUE if before[f] else None,
                                 "new": new or None})
            rows.append({**base, "action": "update", "field": "pseudonymised_at", "old": None,
                         "new": at.isoformat()})
            updated = kept = 0
            for att, status in s.execute(select(Attendee.id, Meeting.status).join(
                    Meeting, Meeting.id == Attendee.meeting_id).where(Attendee.person_id == person_id)).all():
                if status == MeetingStatus.JUSTERAT.name:
                    kept += 1
                    continue
                s.execute(update(Attendee).where(Attendee.id == att)
                          .values(name=pseudonym, version=Attendee.version + 1))
                rows.append({**base, "entity": "attendee", "entity_id": att, "action": "update", "field": "name",
                             "old": HIDDEN_VALUE, "new": pseudonym})
                updated += 1
            s.execute(insert(ChangeLog), rows)
        return PseudonymResult(person_id, pseudonym, updated, kept, old_log_rows)
