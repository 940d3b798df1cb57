"""Organisations and people."""

from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlmodel import Field

from .base import Versioned


class Organisation(Versioned, table=True):
    __tablename__ = "organisation"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=300)
    #: OrgKind name: KOMMUN, KOMMUNALT_BOLAG, LAROSATE, FORSKNINGSINSTITUT, FINANSIAR, OVRIG
    kind: str = Field(max_length=40)
    org_nr: Optional[str] = Field(default=None, max_length=11, unique=True)
    is_own: bool = Field(default=False)


class Person(Versioned, table=True):
    __tablename__ = "person"

    id: Optional[int] = Field(default=None, primary_key=True)
    name: str = Field(index=True, max_length=200)
    title: str = Field(default="", max_length=200)
    organisation_id: Optional[int] = Field(default=None, foreign_key="organisation.id", index=True)
    email: str = Field(default="", max_length=254)
    phone: str = Field(default="", max_length=50)
    pseudonymised_at: Optional[datetime] = Field(default=None)
