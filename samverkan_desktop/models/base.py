"""Shared base for all tables: constraint naming convention and optimistic locking."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import BigInteger, MetaData
from sqlalchemy.orm import declared_attr
from sqlmodel import Field, SQLModel

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

SQLModel.metadata.naming_convention = NAMING_CONVENTION
metadata: MetaData = SQLModel.metadata

#: Column type for every amount of money: integer öre, 64-bit (passes 2^31 öre at ~21.5 MSEK).
Money = BigInteger


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def money_field(default: int = 0) -> int:
    """An integer öre column (BIGINT, NOT NULL)."""
    return Field(default=default, sa_type=BigInteger, nullable=False)  # type: ignore[no-any-return]


class Versioned(SQLModel):
    """Editable record: `version` is SQLAlchemy's version_id_col, so a stale save raises."""

    version: int = Field(default=1, nullable=False)

    @declared_attr  # type: ignore[misc]
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805
        return {"version_id_col": cls.__table__.c.version}  # type: ignore[attr-defined]
