"""A record's history from the change log, readable in Swedish: who changed which field when,
from what to what. Besides the record's own fields it shows the parts that belong to it — an
agreement's partners, people in roles, bodies, decisions and attachments; a meeting's attendees
and agenda items; an activity's budget lines, follow-up reports, decisions, allocations and
disbursements — found through the change log itself, so removed parts are shown too.

Labels and values read as in the conflict dialog (`conflicts.LABELS`, `conflicts.display_value`):
kronor, Swedish enum names, names instead of ids. A part's creation or removal is one line (its
description), not one line per field."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..db.database import Database
from ..domain.cadence import Body
from ..models import Activity, Agreement, ChangeLog, Meeting, Organisation, Person
from .conflicts import LABELS, display_value


@dataclass(frozen=True)
class HistoryEntry:
    id: int  # the change-log row
    at: datetime  # UTC
    user: str
    #: "create" | "update" | "delete" | "pseudonym"
    action: str
    #: "" for the record itself; otherwise what the part is, e.g. "Part: RISE" or "§ 3 Ansökan …"
    part: str
    #: Swedish field label (for a part created or removed: the kind of part, e.g. "Ärende")
    field: str
    old: str
    new: str
    #: The line is a whole part added ("create") or removed ("delete"), described in new/old.
    whole_part: bool = False


#: Parts shown in a record's history: entity → (child table, its key to the record, Swedish label).
CHILDREN: dict[str, tuple[tuple[str, str, str], ...]] = {
    "agreement": (("agreement_party", "agreement_id", "Part"), ("agreement_role", "agreement_id", "Person i roll"),
                  ("governance_body", "agreement_id", "Organ"), ("decision", "agreement_id", "Beslut"),
                  ("attachment", "agreement_id", "Bilaga")),
    "meeting": (("attendee", "meeting_id", "Deltagare"), ("agenda_item", "meeting_id", "Ärende")),
    "activity": (("budget_line", "activity_id", "Budgetrad"), ("follow_up_report", "activity_id", "Uppföljning"),
                 ("decision", "activity_id", "Beslut"), ("allocation", "activity_id", "Tilldelade medel"),
                 ("disbursement", "activity_id", "Utbetalning")),
}

#: Never shown: identity, the lock counter, file hashes and bookkeeping of attachments.
_HIDDEN = frozenset({"id", "version", "sha256", "added_at", "added_by"})

#: Fields that hold an id, and what they point at (model, attribute shown).
_ID_FIELDS: dict[str, tuple[type, str]] = {
    "organisation_id": (Organisation, "name"), "our_organisation_id": (Organisation, "name"),
    "university_id": (Organisation, "name"), "company_id": (Organisation, "name"),
    "external_funder_id": (Organisation, "name"), "person_id": (Person, "name"),
    "responsible_researcher_id": (Person, "name"), "responsible_official_id": (Person, "name"),
    "agreement_id": (Agreement, "title"), "activity_id": (Activity, "title"), "parent_id": (Activity, "title"),
    "meeting_id": (Meeting, "title"),
}

#: Integer columns whose display needs the number (kronor, percent, hours).
_NUMERIC_SUFFIXES = ("_ore", "_bp", "_minutes_per_year", "_id")


def id_namer(session: Session) -> Callable[[str, int], str]:
    """A `names(field, id)` for `display_value`: the organisation's, person's, agreement's …
    name (looked up once per id), or "id N" when it does not exist (any more)."""
    cache: dict[tuple[type, int], str] = {}

    def name(field: str, ident: int) -> str:
        target = _ID_FIELDS.get(field)
        if target is None:
            return f"id {ident}"
        model, attr = target
        key = (model, ident)
        if key not in cache:
            obj = session.get(model, ident)
            text = str(getattr(obj, attr) or "") if obj is not None else ""
            if model is Meeting and obj is not None:
                text = f"{text or Body[obj.body].value} {obj.held_on.isoformat()}"
            cache[key] = text or f"id {ident}"
        return cache[key]

    return name


def names_for(db: Database) -> Callable[[str, int], str]:
    """`id_namer` over a short reading session per lookup (for the conflict dialog)."""

    def name(field: str, ident: int) -> str:
        with db.reading() as s:
            return id_namer(s)(field, ident)

    return name


def _typed(field: str, raw: str | None) -> Any:
    """The change log stores text; numbers that are shown as kronor, percent, hours or names
    go back to int for `display_value`."""
    if raw is not None and field.endswith(_NUMERIC_SUFFIXES) and raw.lstrip("-").isdigit():
        return int(raw)
    return raw


def _describe(child: str, values: dict[str, str | None], show: Callable[[str, str | None], str]) -> str:
    """One line naming a part, from the values the change log knows of it."""
    if child == "agreement_party":
        return show("organisation_id", values.get("organisation_id"))
    if child == "agreement_role":
        person = show("person_id", values.get("person_id"))
        role = values.get("role") or ""
        return f"{person} ({role})" if role else person
    if child == "governance_body":
        return show("body", values.get("body"))
    if child == "decision":
        return " ".join(v for v in (values.get("body"), values.get("decided_on"), values.get("paragraph")) if v)
    if child == "budget_line":
        return " ".join(v for v in (values.get("year"), show("cost_kind", values.get("cost_kind")),
                                    show("source", values.get("source")), show("amount_ore", values.get("amount_ore")))
                        if v)
    if child == "follow_up_report":
        return " ".join(v for v in (values.get("kind"), values.get("due")) if v)
    if child == "allocation":
        return " ".join(v for v in (values.get("year"), show("source", values.get("source")),
                                    show("amount_ore", values.get("amount_ore"))) if v)
    if child == "disbursement":
        return " ".join(v for v in (values.get("paid_on"), show("amount_ore", values.get("amount_ore"))) if v)
    if child == "attachment":
        return values.get("title") or values.get("path") or ""
    if child == "attendee":
        return values.get("name") or show("person_id", values.get("person_id"))
    if child == "agenda_item":
        return " ".join(v for v in (f"§ {values['paragraph']}" if values.get("paragraph") else "",
                                    values.get("title") or "") if v)
    return ""


def record_history(db: Database, entity: str, entity_id: int) -> list[HistoryEntry]:
    """The record's history, oldest first (one short reading session)."""
    children = CHILDREN.get(entity, ())
    with db.reading() as s:
        condition = (ChangeLog.entity == entity) & (ChangeLog.entity_id == entity_id)
        for child, key, _label in children:
            ids = select(ChangeLog.entity_id).where(ChangeLog.entity == child, ChangeLog.field == key,
                                                    or_(ChangeLog.new == str(entity_id), ChangeLog.old == str(entity_id)))
            condition = condition | ((ChangeLog.entity == child) & ChangeLog.entity_id.in_(ids))
        rows = s.scalars(select(ChangeLog).where(condition).order_by(ChangeLog.id)).all()
        return history_entries(entity, entity_id, rows, id_namer(s), children)


def _lifetimes(rows: Sequence[Any]) -> list[tuple[str, int, int]]:
    """Each row's (table, id, lifetime): SQLite may give a removed row's id to a new row, so a
    "create" after a "delete" of the same id starts a new record's life."""
    current: dict[tuple[str, int], int] = {}
    last: dict[tuple[str, int], str] = {}
    out = []
    for r in rows:
        key = (r.entity, r.entity_id)
        life = current.get(key, 0)
        if r.action == "create" and last.get(key) not in (None, "create"):
            life += 1
        current[key] = life
        last[key] = r.action
        out.append((r.entity, r.entity_id, life))
    return out


def history_entries(entity: str, entity_id: int, rows: Sequence[Any], names: Callable[[str, int], str],
                    children: tuple[tuple[str, str, str], ...] = ()) -> list[HistoryEntry]:
    """Readable entries of change-log rows (objects with at, user, entity, entity_id, action,
    field, old, new), oldest first. Rows of an earlier record that had the same id, and of
    parts that belonged to another record, are left out."""
    child_keys = {c: k for c, k, _ in children}
    child_labels = {c: label for c, _, label in children}
    lives = _lifetimes(rows)
    own_life = max((life for (t, i, life) in lives if t == entity and i == entity_id), default=0)
    # parts that belonged to an earlier record with the same id ended before this one was created
    born = min((r.id for r, (t, i, life) in zip(rows, lives) if t == entity and i == entity_id and life == own_life),
               default=0)
    known: dict[tuple[str, int, int], dict[str, str | None]] = {}  # what the log says of each part's life
    earlier: set[tuple[str, int, int]] = set()
    for r, life in zip(rows, lives):  # first pass: every value a part ever had, so a description never lacks one
        if r.entity != entity:
            values = known.setdefault(life, {})
            if r.field and values.get(r.field) is None:
                values[r.field] = r.new if r.new is not None else r.old
            if r.id < born:
                earlier.add(life)
    mine = {life for life, values in known.items()
            if values.get(child_keys.get(life[0], "")) == str(entity_id) and life not in earlier}

    def show_for(table: str) -> Callable[[str, str | None], str]:
        def show(field: str, raw: str | None) -> str:
            if raw is None or raw == "":
                return ""
            return display_value(table, field, _typed(field, raw), names)
        return show

    out: list[HistoryEntry] = []
    one_line: set[tuple[str, tuple[str, int, int], datetime]] = set()  # a part created or removed: one line
    for r, life in zip(rows, lives):
        own = r.entity == entity
        if (own and (r.entity_id != entity_id or life[2] != own_life)) or (not own and life not in mine):
            continue
        at = r.at if r.at.tzinfo is not None else r.at.replace(tzinfo=timezone.utc)
        show = show_for(entity if own else r.entity)
        if not own and r.action in ("create", "delete"):
            key = (r.action, life, at)
            if key in one_line:
                continue
            one_line.add(key)
            text = _describe(r.entity, known.get(life, {}), show)
            label = child_labels.get(r.entity, r.entity)
            out.append(HistoryEntry(r.id, at, r.user, r.action, "", label,
                                    text if r.action == "delete" else "", text if r.action == "create" else "",
                                    whole_part=True))
            continue
        if not r.field or r.field in _HIDDEN or (not own and r.field == child_keys.get(r.entity)):
            continue
        part = "" if own else f"{child_labels.get(r.entity, r.entity)}: " + _describe(r.entity, known.get(life, {}), show)
        label = "Skäl" if r.field == "skäl" else LABELS.get(r.field, r.field)
        out.append(HistoryEntry(r.id, at, r.user, r.action, part, label, show(r.field, r.old), show(r.field, r.new)))
    return out
