"""Attachments, generated documents and the append-only change log."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import Text
from sqlmodel import Field, SQLModel

from .base import utcnow


class Attachment(SQLModel, table=True):
    __tablename__ = "attachment"

    id: Optional[int] = Field(default=None, primary_key=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    activity_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    title: str = Field(max_length=300)
    path: str = Field(max_length=1000)
    sha256: str = Field(max_length=64)
    added_at: datetime = Field(default_factory=utcnow)
    added_by: str = Field(default="", max_length=100)


class GeneratedDocument(SQLModel, table=True):
    """A printed/saved document: what was generated, when, by whom, and its exact bytes' hash."""

    __tablename__ = "generated_document"

    id: Optional[int] = Field(default=None, primary_key=True)
    #: DocumentKind name: BESLUTSUNDERLAG, MEDFINANSIERINGSINTYG, KALLELSE, PROTOKOLL, PROTOKOLLSUTDRAG
    kind: str = Field(max_length=30)
    activity_id: Optional[int] = Field(default=None, foreign_key="activity.id", index=True)
    meeting_id: Optional[int] = Field(default=None, foreign_key="meeting.id", index=True)
    agreement_id: Optional[int] = Field(default=None, foreign_key="agreement.id", index=True)
    created_at: datetime = Field(default_factory=utcnow)
    created_by: str = Field(default="", max_length=100)
    sha256: str = Field(max_length=64)
    filename: str = Field(default="", max_length=500)


class ChangeLog(SQLModel, table=True):
    """Append-only: a database trigger rejects UPDATE and DELETE of these rows."""

    __tablename__ = "change_log"

    id: Optional[int] = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, index=True)
    user: str = Field(max_length=100)
    entity: str = Field(max_length=40, index=True)
    entity_id: int = Field(index=True)
    #: "create" | "update" | "delete"
    action: str = Field(max_length=10)
    field: str = Field(default="", max_length=60)
    old: Optional[str] = Field(default=None, sa_type=Text)
    new: Optional[str] = Field(default=None, sa_type=Text)
