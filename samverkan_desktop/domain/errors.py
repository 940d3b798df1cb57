"""Typed domain error carrying a Swedish, user-facing message."""

from __future__ import annotations

__all__ = ["DomainError"]


class DomainError(ValueError):
    """A rule was broken by user input.

    ``field`` is the Swedish label of the field (e.g. "Organisationsnummer").
    ``message`` names the field and the problem; when the given message does not
    already start with the field label it is prefixed as "Fält: problem".
    """

    field: str
    message: str

    def __init__(self, field: str, message: str) -> None:
        if field and not message.casefold().startswith(field.casefold()):
            message = f"{field}: {message}"
        super().__init__(message)
        self.field = field
        self.message = message

    def __str__(self) -> str:
        return self.message

    def __reduce__(self) -> tuple[type[DomainError], tuple[str, str]]:
        return (type(self), (self.field, self.message))
