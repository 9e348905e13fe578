"""People's yearly facts that award rules read: assessment, discipline, recognised initiatives."""

from enum import StrEnum

from sqlalchemy import CheckConstraint, String, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.core.types import Id, Name, ShortText
from app.models.base import Versioned


class AssessmentResult(StrEnum):
    excellent = "HTXSNV"  # hoàn thành xuất sắc nhiệm vụ
    good = "HTTNV"  # hoàn thành tốt nhiệm vụ
    done = "HTNV"  # hoàn thành nhiệm vụ
    failed = "KHTNV"  # không hoàn thành nhiệm vụ


ASSESSMENT_RANK = {"HTXSNV": 3, "HTTNV": 2, "HTNV": 1, "KHTNV": 0}


class Discipline(StrEnum):
    none = "NONE"
    reprimand = "KHIEN_TRACH"  # khiển trách
    warning = "CANH_CAO"  # cảnh cáo
    higher = "HIGHER"  # hạ bậc lương, cách chức…


DISCIPLINE_RANK = {"NONE": 0, "KHIEN_TRACH": 1, "CANH_CAO": 2, "HIGHER": 3}


class InitiativeScope(StrEnum):
    base = "co_so"
    ministry = "bo_tinh"
    national = "toan_quoc"


SCOPE_RANK = {"co_so": 1, "bo_tinh": 2, "toan_quoc": 3}


class Assessment(Versioned, table=True):
    __table_args__ = (
        UniqueConstraint("person_id", "year", name="uq_assessment_person_year"),
        CheckConstraint(
            "result IN ('HTXSNV', 'HTTNV', 'HTNV', 'KHTNV')", name="ck_assessment_result"
        ),
        CheckConstraint(
            "discipline IN ('NONE', 'KHIEN_TRACH', 'CANH_CAO', 'HIGHER')",
            name="ck_assessment_discipline",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    person_id: int = Field(foreign_key="person.id", ondelete="CASCADE", index=True)
    year: int = Field(index=True)
    result: AssessmentResult = Field(sa_type=String(8))
    discipline: Discipline = Field(default=Discipline.none, sa_type=String(16))
    note: str | None = Field(default=None, max_length=1000)


class AssessmentIn(SQLModel):
    year: int = Field(ge=2000, le=2100)
    result: AssessmentResult
    discipline: Discipline = Discipline.none
    note: ShortText | None = None


class AssessmentPublic(SQLModel):
    person_id: int
    year: int
    result: AssessmentResult
    discipline: Discipline
    note: str | None


class Initiative(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    title: str = Field(max_length=500)
    year: int = Field(index=True)
    scope: InitiativeScope = Field(sa_type=String(16))
    recognised_by: str = Field(max_length=255)
    decision_number: str | None = Field(default=None, max_length=64)


class InitiativeAuthor(SQLModel, table=True):
    __tablename__ = "initiative_author"

    initiative_id: int = Field(foreign_key="initiative.id", ondelete="CASCADE", primary_key=True)
    person_id: int = Field(
        foreign_key="person.id", ondelete="CASCADE", primary_key=True, index=True
    )


class InitiativeIn(SQLModel):
    title: Name = Field(max_length=500)
    year: int = Field(ge=2000, le=2100)
    scope: InitiativeScope
    recognised_by: Name
    decision_number: ShortText | None = Field(default=None, max_length=64)
    author_ids: list[Id] = Field(min_length=1, max_length=20)


class InitiativePublic(SQLModel):
    id: int
    title: str
    year: int
    scope: InitiativeScope
    recognised_by: str
    decision_number: str | None
    author_ids: list[int]


class PersonFacts(SQLModel):
    person_id: int
    assessments: list[AssessmentPublic]
    initiatives: list[InitiativePublic]
