"""Typed errors raised by services; each carries a Swedish message for the user."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from ..domain.errors import DomainError


class ServiceError(Exception):
    """Base: `str(err)` is a complete Swedish sentence."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class ValidationError(ServiceError):
    """Bad input: names the field (Swedish label) and the problem. Nothing was written."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message if message.startswith(field) else f"{field}: {message}")
        self.field = field


class NotFoundError(ServiceError):
    pass


class GateError(ServiceError):
    """A workflow step is blocked; `problems` lists exactly what is missing."""

    def __init__(self, action: str, problems: list[str]) -> None:
        super().__init__(f"{action} går inte ännu: " + "; ".join(problems) + ".")
        self.problems = problems


class LockedError(ServiceError):
    pass


class ConflictError(ServiceError):
    """Someone else saved the record since it was loaded (optimistic lock)."""

    def __init__(self, entity: str, entity_id: int, theirs: dict[str, Any] | None = None) -> None:
        super().__init__(
            f"{entity} (id {entity_id}) har ändrats av någon annan sedan du öppnade det. "
            "Läs in den nya versionen eller spara över den medvetet."
        )
        self.entity = entity
        self.entity_id = entity_id
        self.theirs = theirs or {}


@contextmanager
def as_validation() -> Iterator[None]:
    """Turn a domain rule's DomainError into a ValidationError for the same field."""
    try:
        yield
    except DomainError as exc:
        raise ValidationError(exc.field, exc.message) from exc
