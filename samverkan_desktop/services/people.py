"""Organisations and people (personal data: only what the work needs)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, or_, select

from ..db.database import Database
from ..domain import orgnr
from ..domain.catalog import OrgKind
from ..models import Activity, AgreementRole, Attendee, Organisation, Person
from .common import clean_text, load
from .errors import ValidationError, as_validation


@dataclass(frozen=True)
class OrganisationRow:
    id: int
    name: str
    kind: OrgKind
    org_nr: str | None
    is_own: bool
    version: int


@dataclass(frozen=True)
class PersonRow:
    id: int
    name: str
    title: str
    organisation_id: int | None
    organisation: str
    email: str
    phone: str
    version: int
    #: Name and contact details replaced by a pseudonym (services.privacy).
    pseudonymised: bool = False


class PeopleService:
    def __init__(self, db: Database) -> None:
        self.db = db

    # ---- organisations -------------------------------------------------------------
    def organisations(self, kind: OrgKind | None = None) -> list[OrganisationRow]:
        with self.db.reading() as s:
            q = select(Organisation).order_by(Organisation.name)
            if kind is not None:
                q = q.where(Organisation.kind == kind.name)
            return [OrganisationRow(o.id, o.name, OrgKind[o.kind], o.org_nr, o.is_own, o.version)
                    for o in s.scalars(q)]

    def save_organisation(self, name: str, kind: OrgKind, org_nr: str | None = None, *, is_own: bool = False,
                          organisation_id: int | None = None, version: int | None = None) -> int:
        name = clean_text(name, "Namn", required=True)
        number: str | None = None
        if org_nr and org_nr.strip():
            with as_validation():
                number = orgnr.normalize_orgnr(org_nr)
        with self.db.writing() as s:
            if number:
                clash = s.scalar(select(Organisation).where(Organisation.org_nr == number,
                                                            Organisation.id != (organisation_id or -1)))
                if clash is not None:
                    raise ValidationError("Organisationsnummer", f"{number} finns redan för {clash.name}")
            if organisation_id is None:
                o = Organisation(name=name, kind=kind.name, org_nr=number, is_own=is_own)
                s.add(o)
            else:
                o = load(s, Organisation, organisation_id, version)
                o.name, o.kind, o.org_nr, o.is_own = name, kind.name, number, is_own
            s.flush()
            return int(o.id)  # type: ignore[arg-type]

    def find_organisation(self, name: str) -> int | None:
        with self.db.reading() as s:
            return s.scalar(select(Organisation.id).where(func.lower(Organisation.name) == name.strip().lower()))

    # ---- people --------------------------------------------------------------------
    def people(self, organisation_id: int | None = None) -> list[PersonRow]:
        with self.db.reading() as s:
            q = (select(Person, Organisation.name).outerjoin(Organisation, Organisation.id == Person.organisation_id)
                 .order_by(Person.name))
            if organisation_id is not None:
                q = q.where(Person.organisation_id == organisation_id)
            return [PersonRow(p.id, p.name, p.title, p.organisation_id, org or "", p.email, p.phone, p.version,
                              p.pseudonymised_at is not None)
                    for p, org in s.execute(q)]

    def save_person(self, name: str, title: str = "", organisation_id: int | None = None, email: str = "",
                    phone: str = "", *, person_id: int | None = None, version: int | None = None) -> int:
        name = clean_text(name, "Namn", required=True, max_len=200)
        title = clean_text(title, "Titel", max_len=200)
        email = clean_text(email, "E-post", max_len=254)
        if email and ("@" not in email or " " in email):
            raise ValidationError("E-post", f"'{email}' är ingen giltig e-postadress")
        phone = clean_text(phone, "Telefon", max_len=50)
        with self.db.writing() as s:
            if organisation_id is not None and s.get(Organisation, organisation_id) is None:
                raise ValidationError("Organisation", "finns inte")
            if person_id is None:
                p = Person(name=name, title=title, organisation_id=organisation_id, email=email, phone=phone)
                s.add(p)
            else:
                p = load(s, Person, person_id, version)
                p.name, p.title, p.organisation_id, p.email, p.phone = name, title, organisation_id, email, phone
            s.flush()
            return int(p.id)  # type: ignore[arg-type]

    def search_people(self, text: str) -> list[PersonRow]:
        pattern = f"%{text.strip()}%"
        return [p for p in self.people() if not text.strip() or pattern.strip("%").casefold() in
                f"{p.name} {p.title} {p.organisation} {p.email}".casefold()]

    def usage_count(self, person_id: int) -> int:
        with self.db.reading() as s:
            n = s.scalar(select(func.count()).select_from(Activity).where(or_(
                Activity.responsible_researcher_id == person_id, Activity.responsible_official_id == person_id))) or 0
            n += s.scalar(select(func.count()).select_from(AgreementRole).where(AgreementRole.person_id == person_id)) or 0
            n += s.scalar(select(func.count()).select_from(Attendee).where(Attendee.person_id == person_id)) or 0
            return int(n)

