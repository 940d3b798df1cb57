"""Small helpers every service uses: loading with a version check, text cleaning."""

from __future__ import annotations

from typing import Any, TypeVar

from sqlalchemy.orm import Session

from ..db.database import WRITING
from .errors import ConflictError, NotFoundError, ValidationError

T = TypeVar("T")

ENTITY_LABELS = {
    "agreement": "Avtalet",
    "activity": "Aktiviteten",
    "meeting": "Mötet",
    "organisation": "Organisationen",
    "person": "Personen",
    "agenda_item": "Ärendet",
    "fee_invoice": "Fakturan",
    "follow_up_report": "Rapporten",
}


def load(session: Session, model: type[T], entity_id: int, expected_version: int | None = None) -> T:
    """The record, or NotFoundError; with `expected_version` (the one a form loaded),
    ConflictError carrying the stored row when someone else has saved it since.

    In a write transaction the row is locked until the commit (`SELECT … FOR UPDATE` on
    PostgreSQL; SQLite lets only one writer in anyway), so two saves of the same record are
    served one after the other: the second sees the first one's version and gets the
    ConflictError the conflict dialog shows, never SQLAlchemy's StaleDataError from a version
    that changed between this read and the UPDATE."""
    writing = bool(session.info.get(WRITING))
    obj = session.get(model, entity_id, with_for_update=True if writing else None, populate_existing=writing)
    table = model.__tablename__  # type: ignore[attr-defined]
    label = ENTITY_LABELS.get(table, table)
    if obj is None:
        raise NotFoundError(f"{label} med id {entity_id} finns inte (längre).")
    if expected_version is not None and getattr(obj, "version", None) != expected_version:
        raise ConflictError(label, entity_id, row_values(obj))
    return obj


def row_values(obj: Any) -> dict[str, Any]:
    from sqlalchemy import inspect

    return {a.key: getattr(obj, a.key) for a in inspect(obj).mapper.column_attrs}


def clean_text(value: str | None, field: str, *, required: bool = False, max_len: int = 300) -> str:
    """Strip surrounding space; refuse control characters other than newline and tab."""
    text = (value or "").strip()
    if required and not text:
        raise ValidationError(field, "måste fyllas i")
    if len(text) > max_len:
        raise ValidationError(field, f"får vara högst {max_len} tecken (nu {len(text)})")
    bad = [c for c in text if (ord(c) < 32 and c not in "\n\t") or ord(c) == 127]
    if bad:
        raise ValidationError(field, "innehåller otillåtna kontrolltecken")
    return text


def lines(text: str) -> list[str]:
    return [ln.strip() for ln in text.splitlines() if ln.strip()]
