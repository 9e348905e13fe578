"""Every table, imported so that SQLModel.metadata (and Alembic) sees them all."""

from app.models.assignments import PersonAssignment
from app.models.audit import AuditEntry, IdempotencyRecord
from app.models.awards import Award, AwardType, Decision, Nomination
from app.models.campaigns import (
    Campaign,
    CampaignCriterion,
    CampaignDocument,
    CampaignParticipant,
    CampaignReview,
    Exemplar,
    Registration,
)
from app.models.facts import Assessment, Initiative, InitiativeAuthor
from app.models.levels import UnitLevel
from app.models.metrics import Indicator, Metric, ValidationRule
from app.models.people import Person
from app.models.periods import Holiday, LockException, Period
from app.models.reports import Report, ReportEvent, ReportValue
from app.models.restructurings import Restructuring
from app.models.targets import Target
from app.models.unit_history import UnitEvent, UnitEventLink, UnitVersion
from app.models.units import Unit
from app.models.users import AccessToken, LoginThrottle, User

__all__ = [
    "AccessToken",
    "Assessment",
    "AuditEntry",
    "Award",
    "AwardType",
    "Campaign",
    "CampaignCriterion",
    "CampaignDocument",
    "CampaignParticipant",
    "CampaignReview",
    "Decision",
    "Exemplar",
    "Holiday",
    "IdempotencyRecord",
    "Indicator",
    "Initiative",
    "InitiativeAuthor",
    "LockException",
    "LoginThrottle",
    "Metric",
    "Nomination",
    "Period",
    "Person",
    "PersonAssignment",
    "Registration",
    "Report",
    "ReportEvent",
    "ReportValue",
    "Restructuring",
    "Target",
    "Unit",
    "UnitEvent",
    "UnitEventLink",
    "UnitLevel",
    "UnitVersion",
    "User",
    "ValidationRule",
]
