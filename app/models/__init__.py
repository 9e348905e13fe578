"""Every table, imported so that SQLModel.metadata (and Alembic) sees them all."""

from app.models.audit import AuditEntry, IdempotencyRecord
from app.models.people import Person
from app.models.units import Unit
from app.models.users import AccessToken, LoginAttempt, User

__all__ = [
    "AccessToken",
    "AuditEntry",
    "IdempotencyRecord",
    "LoginAttempt",
    "Person",
    "Unit",
    "User",
]
