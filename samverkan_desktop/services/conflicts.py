"""What the conflict dialog shows when two people saved the same record.

Every editable record has a version (SQLAlchemy's version_id_col). A form keeps the version it
loaded; the service's update takes it and raises `ConflictError` when the stored version has
moved on, carrying the other person's current row in `err.theirs`. Nothing is written then.

The dialog (GUI) calls `conflict_view(err, mine, base=loaded)` and shows `view.rows` — field,
your value, their value — and offers two ways on:

- **Läs in deras version** (reload): discard the form, load the record again (`service.get`).
- **Spara min version ändå** (overwrite deliberately): call the same update again with
  `overwrite_version(err)` as the version. If a third person saved in between, that raises
  ConflictError again and the dialog shows the new difference — nothing is ever lost silently.

Two saves racing inside the same instant are served one after the other (`common.load` locks
the row in a write transaction), so the second gets ConflictError too. `is_conflict(exc)` also
recognises SQLAlchemy's StaleDataError (the version check in the UPDATE itself), for a change
made without `load`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, is_dataclass
from datetime import date, datetime
from enum import Enum
from typing import Any

from ..domain.cadence import Body
from ..domain.catalog import AgendaKind, AgreementKind, AgreementStatus, MeetingStatus
from ..domain.followup import ActivityKind
from ..domain.money import format_money
from ..domain.stages import Outcome, Stage
from .errors import ConflictError

#: Fields never shown: identity, lock counter, and values the program keeps itself.
HIDDEN = frozenset({"id", "version", "pseudonymised_at"})

#: Field → Swedish label (shared by agreement, activity, meeting, person, organisation).
LABELS: dict[str, str] = {
    # agreement
    "kind": "Typ", "title": "Titel", "case_number": "Diarienummer", "status": "Status",
    "our_organisation_id": "Vår organisation", "start": "Startdatum", "end": "Slutdatum",
    "annual_fee_ore": "Årsavgift", "invoices_per_year": "Fakturor per år", "in_advance": "Fakturering i förskott",
    "payment_days": "Betalningsvillkor (dagar)", "late_interest_margin_pp": "Dröjsmålsränta (procentenheter)",
    "included_minutes_per_year": "Ingående timmar per år", "list_price_per_hour_ore": "Listpris per timme",
    "discount_bp": "Rabatt", "fixed_term": "Tidsbegränsat", "notice_months": "Uppsägningstid (månader)",
    "termination_points": "Uppsägningsdatum", "extension_lead_months": "Förlängning senast (månader före slut)",
    "notice_given_on": "Uppsagt den", "breach_request_on": "Rättelse begärd den",
    "breach_aware_on": "Kännedom om avtalsbrott den", "themes": "Teman", "obligations_ours": "Våra åtaganden",
    "obligations_partner": "Partnerns åtaganden", "invoicing_note": "Fakturering", "notes": "Anteckningar",
    # activity
    "parent_id": "Ingår i", "agreement_id": "Avtal", "research_question": "Forskningsfråga", "stage": "Steg",
    "responsible_researcher_id": "Ansvarig forskare", "university_id": "Lärosäte",
    "responsible_official_id": "Ansvarig tjänsteperson", "administration": "Förvaltning/bolag",
    "company_id": "Bolag", "forankring_confirmed": "Förankring bekräftad", "external_funder_id": "Extern finansiär",
    "effect_goals": "Effektmål", "kpis": "Nyckeltal", "activity_goals": "Aktivitetsmål", "deliverables": "Leveranser",
    "rektor_signed_on": "Signerat av rektor", "municipality_signed_on": "Signerat av kommunen",
    "funds_transferred_on": "Medel överförda", "popular_presentation_on": "Populärvetenskaplig presentation",
    # meeting
    "body": "Organ", "held_on": "Datum", "start_time": "Starttid", "end_time": "Sluttid", "place": "Plats",
    "chair": "Ordförande", "secretary": "Sekreterare", "adjusters": "Justerare",
    # person, organisation
    "name": "Namn", "organisation_id": "Organisation", "email": "E-post", "phone": "Telefon",
    "org_nr": "Organisationsnummer", "is_own": "Egen organisation",
    # agenda item (the minutes' text), attendee, and the parts of an agreement
    "paragraph": "Paragraf", "proposal": "Förslag till beslut", "motions": "Yrkanden",
    "decision_procedure": "Beslutsgång", "decision_text": "Beslut", "outcome": "Utfall",
    "reservations": "Reservationer", "sent_to": "Beslutet skickas till", "documents": "Handlingar",
    "report_id": "Rapport", "activity_id": "Aktivitet", "person_id": "Person", "role": "Roll", "side": "Sida",
    "present": "Närvarande", "decided_on": "Beslutsdatum", "meetings_per_year": "Möten per år",
    "description": "Beskrivning", "path": "Fil", "meeting_id": "Möte",
}

_ENUMS: dict[str, dict[str, type[Enum]]] = {
    "agreement": {"kind": AgreementKind, "status": AgreementStatus},
    "activity": {"kind": ActivityKind, "stage": Stage},
    "meeting": {"body": Body, "status": MeetingStatus},
    "agenda_item": {"kind": AgendaKind, "outcome": Outcome},
    "governance_body": {"body": Body},
}

_ENTITY_BY_LABEL = {"Avtalet": "agreement", "Aktiviteten": "activity", "Mötet": "meeting", "Personen": "person",
                    "Organisationen": "organisation", "Ärendet": "agenda_item", "Fakturan": "fee_invoice",
                    "Rapporten": "follow_up_report"}


@dataclass(frozen=True)
class ConflictRow:
    field: str
    label: str
    mine: str
    theirs: str
    base: str | None
    #: You changed this field since loading (None when the loaded values are not known).
    changed_by_me: bool | None
    #: The other person changed it since you loaded.
    changed_by_them: bool | None

    @property
    def clash(self) -> bool:
        """Both changed the field, to different values: the user must choose."""
        return bool(self.changed_by_me and self.changed_by_them)


@dataclass(frozen=True)
class ConflictView:
    entity: str  # table name, e.g. "agreement"
    entity_label: str  # "Avtalet"
    entity_id: int
    their_version: int
    rows: list[ConflictRow]

    @property
    def clashes(self) -> int:
        return sum(1 for r in self.rows if r.clash)

    def summary(self) -> str:
        n = len(self.rows)
        return (f"{self.entity_label} (id {self.entity_id}) har sparats av någon annan medan du ändrade det. "
                f"{n} fält skiljer sig" + (f", varav {self.clashes} som ni båda har ändrat." if self.clashes else ".")
                + " Välj att läsa in deras version eller att spara din version över deras.")


def form_values(data: Any) -> dict[str, Any]:
    """A form's input dataclass (AgreementInput, ActivityInput, MeetingInput, …) as column values
    comparable with `ConflictError.theirs` (enums by name; fields that are not columns kept)."""
    if is_dataclass(data) and not isinstance(data, type):
        raw = asdict(data)
    elif isinstance(data, Mapping):
        raw = dict(data)
    else:
        raise TypeError(f"form_values: {type(data).__name__} is not a dataclass or mapping")
    return {k: (v.name if isinstance(v, Enum) else v) for k, v in raw.items()}


def _comparable(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.name
    if isinstance(value, str):
        return value.strip()
    if value is None:
        return ""
    return value


def display_value(entity: str, field: str, value: Any, names: Callable[[str, int], str] | None = None) -> str:
    """How a value reads in the dialog: kronor, dates, ja/nej, Swedish enum names, names for ids."""
    if value is None or value == "":
        return "–"
    enum = _ENUMS.get(entity, {}).get(field)
    if enum is not None:
        key = value.name if isinstance(value, Enum) else str(value)
        try:
            return str(enum[key].value)
        except KeyError:
            return key
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if field.endswith("_ore") and isinstance(value, int):
        return format_money(value)
    if field == "discount_bp" and isinstance(value, int):
        return f"{value / 100:g} %".replace(".", ",")
    if field.endswith("_minutes_per_year") and isinstance(value, int):
        return f"{value / 60:g} h".replace(".", ",")
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if field.endswith("_id") and isinstance(value, int) and names is not None:
        try:
            return names(field, value)
        except Exception:  # noqa: BLE001 - a name is a nicety; the id always works
            return f"id {value}"
    if isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value) or "–"
    return str(value)


def diff_rows(entity: str, mine: Mapping[str, Any], theirs: Mapping[str, Any],
              base: Mapping[str, Any] | None = None, *, names: Callable[[str, int], str] | None = None,
              only_differences: bool = True) -> list[ConflictRow]:
    """Rows of field / mine / theirs for every field both sides have (in the form's order)."""
    rows: list[ConflictRow] = []
    for field, my_value in mine.items():
        if field in HIDDEN or field not in theirs:
            continue
        their_value = theirs[field]
        same = _comparable(my_value) == _comparable(their_value)
        if same and only_differences:
            continue
        base_value = base.get(field) if base is not None else None
        rows.append(ConflictRow(
            field=field, label=LABELS.get(field, field),
            mine=display_value(entity, field, my_value, names), theirs=display_value(entity, field, their_value, names),
            base=display_value(entity, field, base_value, names) if base is not None else None,
            changed_by_me=(_comparable(my_value) != _comparable(base_value)) if base is not None else None,
            changed_by_them=(_comparable(their_value) != _comparable(base_value)) if base is not None else None,
        ))
    return rows


def conflict_view(err: ConflictError, mine: Any, base: Any | None = None, *,
                  names: Callable[[str, int], str] | None = None) -> ConflictView:
    """Everything the dialog shows. `mine`: the form's input dataclass (or a mapping of column
    values); `base`: what the form originally loaded (e.g. `detail.data`), to mark who changed what."""
    entity = _ENTITY_BY_LABEL.get(err.entity, err.entity)
    mine_values = form_values(mine)
    base_values = form_values(base) if base is not None else None
    return ConflictView(entity=entity, entity_label=err.entity, entity_id=err.entity_id,
                        their_version=overwrite_version(err),
                        rows=diff_rows(entity, mine_values, err.theirs, base_values, names=names))


def overwrite_version(err: ConflictError) -> int:
    """The version to pass to the update to save over the other person's change, deliberately."""
    return int(err.theirs.get("version", 0) or 0)


def is_conflict(exc: BaseException) -> bool:
    """True for a stale save: ConflictError, or SQLAlchemy's StaleDataError (the version check of
    an UPDATE of a row not read through `common.load`) — both mean "reload and decide", never
    "data lost"."""
    from sqlalchemy.orm.exc import StaleDataError

    return isinstance(exc, (ConflictError, StaleDataError))
