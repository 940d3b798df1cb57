"""What the portfolio workbook looked like at each export: the baseline for the next
export's "Förändringar" sheet (one compressed JSON document per export and scope)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Optional

from sqlalchemy import LargeBinary
from sqlmodel import Field, SQLModel

from .base import utcnow


class ExportSnapshot(SQLModel, table=True):
    """Append-only like a log: written with a Core insert (no change-log rows for a blob)."""

    __tablename__ = "export_snapshot"

    id: Optional[int] = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=100)
    #: The export's scope, e.g. "alla", "år=2026", "avtal=3", "år=2026;avtal=3"
    scope: str = Field(max_length=100, index=True)
    #: The "today" the export was made for (deadlines, overdue reports)
    as_of: date
    activity_count: int = Field(default=0)
    #: Snapshot format version (services.export_data.SNAPSHOT_FORMAT)
    format: int = Field(default=1)
    #: zlib-compressed UTF-8 JSON
    data: bytes = Field(sa_type=LargeBinary, nullable=False)
