"""The change log: one row per changed field, written by the same flush (so the same
transaction) as the change itself. Registered once on the Session class used by services."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import insert
from sqlalchemy.orm import Session

from ..models.base import utcnow
from ..models.records import ChangeLog
from .os_user import current_user

_SKIP_FIELDS = frozenset({"id", "version"})


def _text(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "ja" if value else "nej"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return str(value)


def _rows_for(session: Session, obj: Any, action: str, user: str, at: datetime) -> list[dict[str, Any]]:
    state = sa_inspect(obj)
    mapper = state.mapper
    entity = mapper.local_table.name
    if entity == ChangeLog.__tablename__:
        return []
    rows: list[dict[str, Any]] = []
    ident = state.identity[0] if state.identity else getattr(obj, "id", None)
    base = {"at": at, "user": user, "entity": entity, "entity_id": int(ident or 0), "action": action}
    for attr in mapper.column_attrs:
        key = attr.key
        if key in _SKIP_FIELDS:
            continue
        if action == "create":
            value = getattr(obj, key)
            if value is None or value == "":
                continue
            rows.append({**base, "field": key, "old": None, "new": _text(value)})
        elif action == "update":
            hist = state.attrs[key].history
            if not hist.has_changes():
                continue
            old = hist.deleted[0] if hist.deleted else None
            new = hist.added[0] if hist.added else None
            if old == new:
                continue
            rows.append({**base, "field": key, "old": _text(old), "new": _text(new)})
        else:  # delete: keep what was there
            value = state.committed_state.get(key, getattr(obj, key, None))
            if value is None or value == "":
                continue
            rows.append({**base, "field": key, "old": _text(value), "new": None})
    if action == "create" and not rows:
        rows.append({**base, "field": "", "old": None, "new": None})
    return rows


def _after_flush(session: Session, _ctx: Any) -> None:
    user = session.info.get("user") or current_user()
    at = utcnow()
    rows: list[dict[str, Any]] = []
    for obj in session.new:
        rows += _rows_for(session, obj, "create", user, at)
    for obj in session.dirty:
        if session.is_modified(obj, include_collections=False):
            rows += _rows_for(session, obj, "update", user, at)
    for obj in session.deleted:
        rows += _rows_for(session, obj, "delete", user, at)
    if rows:
        session.connection().execute(insert(ChangeLog), rows)


class AuditedSession(Session):
    """Session whose every flush writes the change log in the same transaction."""


from sqlalchemy import event  # noqa: E402

event.listen(AuditedSession, "after_flush", _after_flush)
