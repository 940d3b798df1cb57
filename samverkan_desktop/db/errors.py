"""Database problems the user can act on, each with a Swedish message."""

from __future__ import annotations


class DatabaseError(Exception):
    """An environment problem with the database (not a bug): show `str(err)` to the user."""


class NotOurDatabaseError(DatabaseError):
    pass


class NewerDatabaseError(DatabaseError):
    pass


class DamagedDatabaseError(DatabaseError):
    pass


class MigrationError(DatabaseError):
    pass
