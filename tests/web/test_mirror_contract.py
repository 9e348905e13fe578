"""The web's mirror models against the API's live OpenAPI document: every field a page reads
from the API's JSON exists in the schema it comes from, with a type the mirror can hold. If the
API drops or renames a field, or changes its type, this fails before a page does."""

import datetime
import inspect
import types
import typing
from functools import cache
from typing import Any

import pytest
from pydantic import BaseModel

from app.api.main import create_api
from app.web import api_models
from app.web.api_models import ApiModel, Page
from app.web.awards import models as awards_models
from app.web.campaigns import models as campaigns_models
from app.web.reports import client as reports_client
from app.web.reports import models as reports_models
from app.web.units import assignments as units_assignments
from app.web.units import models as units_models

MODULES = (
    api_models,
    reports_models,
    campaigns_models,
    awards_models,
    reports_client,
    units_models,
    units_assignments,
)

# Each mirror (module, class name) → the API schema it is parsed from.
SCHEMAS: dict[tuple[str, str], str] = {
    ("api_models", "FieldError"): "FieldError",
    ("api_models", "Problem"): "Problem",
    ("api_models", "TokenGrant"): "TokenGrant",
    ("api_models", "UnitRef"): "UnitRef",
    ("api_models", "Unit"): "UnitPublic",
    ("api_models", "Level"): "UnitLevelPublic",
    ("units.models", "LegalBasis"): "LegalBasis",
    ("units.models", "UnitVersion"): "UnitVersionPublic",
    ("units.models", "UnitEvent"): "UnitEventPublic",
    ("units.models", "UnitHistory"): "UnitHistory",
    ("units.models", "EventPreview"): "EventPreview",
    ("units.models", "UserMove"): "UserMove",
    ("units.models", "PersonMove"): "PersonMove",
    ("units.models", "ScopeGain"): "ScopeGain",
    ("units.models", "OpenReport"): "OpenReport",
    ("units.models", "RunningCampaign"): "RunningCampaign",
    ("units.models", "RestructuringSummary"): "RestructuringSummary",
    ("units.models", "RestructuringPreview"): "RestructuringPreview",
    ("units.models", "PlanPreview"): "PlanPreview",
    ("units.models", "Restructuring"): "RestructuringPublic",
    ("api_models", "Person"): "PersonPublic",
    ("units.assignments", "Assignment"): "AssignmentPublic",
    ("api_models", "User"): "UserPublic",
    ("api_models", "Me"): "Me",
    ("api_models", "Token"): "TokenPublic",
    ("api_models", "TokenCreated"): "TokenCreated",
    ("api_models", "Page"): "Page_UnitPublic_",
    ("reports.models", "Period"): "PeriodPublic",
    ("reports.models", "Metric"): "MetricPublic",
    ("reports.models", "Indicator"): "IndicatorPublic",
    ("reports.models", "Issue"): "Issue",
    ("reports.models", "Evaluation"): "ReportValidation",
    ("reports.models", "EarlierFigures"): "ReportValidation",
    ("reports.models", "Validation"): "ReportValidation",
    ("reports.models", "HistoryEvent"): "ReportEventPublic",
    ("reports.models", "Report"): "ReportPublic",
    ("reports.models", "ReportDetail"): "ReportDetail",
    ("reports.models", "CompletenessItem"): "CompletenessItem",
    ("reports.models", "Completeness"): "Completeness",
    ("reports.models", "RankingItem"): "RankingItem",
    ("reports.models", "Ranking"): "Ranking",
    ("reports.models", "TrendPoint"): "TrendPoint",
    ("reports.models", "Trend"): "Trend",
    ("reports.models", "TargetRow"): "TargetPublic",
    ("reports.models", "Targets"): "TargetsPublic",
    ("reports.models", "LockException"): "LockExceptionPublic",
    ("reports.models", "ImportProblem"): "ImportError_",
    ("reports.models", "ImportIssue"): "ImportIssue",
    ("reports.models", "ValueChange"): "ValueChange",
    ("reports.models", "PredecessorReport"): "PredecessorReport",
    ("reports.models", "ImportSummary"): "ImportSummary",
    ("reports.client", "ImportChange"): "ImportChange",
    ("reports.client", "ImportRowPreview"): "ImportRowPreview",
    ("reports.client", "ImportPreview"): "ImportSummary",
    ("campaigns.models", "CampaignRef"): "CampaignRef",
    ("campaigns.models", "Campaign"): "CampaignPublic",
    ("campaigns.models", "Document"): "DocumentPublic",
    ("campaigns.models", "Tier"): "Tier",
    ("campaigns.models", "Criterion"): "CriterionPublic",
    ("campaigns.models", "ProgressItem"): "ProgressItem",
    ("campaigns.models", "CriterionProgress"): "CriterionProgress",
    ("campaigns.models", "Progress"): "CampaignProgress",
    ("campaigns.models", "Registration"): "RegistrationPublic",
    ("campaigns.models", "RegistrationSummary"): "RegistrationSummary",
    ("campaigns.models", "Exemplar"): "ExemplarPublic",
    ("campaigns.models", "Review"): "ReviewPublic",
    ("campaigns.models", "Indicator"): "IndicatorPublic",
    ("campaigns.models", "Metric"): "MetricPublic",
    ("campaigns.models", "Period"): "PeriodPublic",
    ("campaigns.models", "AwardType"): "AwardTypePublic",
    ("awards.models", "AwardType"): "AwardTypePublic",
    ("awards.models", "AwardTypeRef"): "AwardTypeRef",
    ("awards.models", "PersonRef"): "PersonRef",
    ("awards.models", "CampaignRef"): "CampaignRef",
    ("awards.models", "DecisionRef"): "DecisionRef",
    ("awards.models", "Criterion"): "CriterionResult",
    ("awards.models", "Award"): "AwardPublic",
    ("awards.models", "Decision"): "DecisionPublic",
    ("awards.models", "RegimeInfo"): "RegimeInfo",
    ("awards.models", "Candidate"): "Candidate",
    ("awards.models", "Eligibility"): "Eligibility",
    ("awards.models", "DossierItem"): "DossierItem",
    ("awards.models", "Nomination"): "NominationPublic",
    ("awards.models", "SummaryRow"): "SummaryRow",
    ("awards.models", "SummaryTotals"): "SummaryTotals",
    ("awards.models", "Summary"): "AwardSummary",
    ("awards.models", "Assessment"): "AssessmentPublic",
    ("awards.models", "Initiative"): "InitiativePublic",
    ("awards.models", "PersonFacts"): "PersonFacts",
}
# Mirrors of a free-form object the API documents in words (a dict[str, Any] field).
FREE_FORM = {
    ("awards.models", "Snapshot"): "the eligibility snapshot kept with an award or nomination",
    ("awards.models", "Vote"): "NominationPublic.vote, described field by field",
}

JSON_TYPES: dict[Any, set[str]] = {
    int: {"integer"},
    float: {"number", "integer"},
    str: {"string"},
    bool: {"boolean"},
    datetime.date: {"string"},
    datetime.datetime: {"string"},
}


@cache
def openapi_schemas() -> dict[str, Any]:
    return create_api().openapi()["components"]["schemas"]  # type: ignore[no-any-return]


def _mirrors() -> list[tuple[tuple[str, str], type[BaseModel]]]:
    found = []
    for module in MODULES:
        short = module.__name__.removeprefix("app.web.")
        for name, cls in vars(module).items():
            if (
                inspect.isclass(cls)
                and issubclass(cls, ApiModel)
                and cls is not ApiModel
                and cls.__module__ == module.__name__
                and "[" not in name  # Page[Report] and the like: Page is checked once
            ):
                found.append(((short, name), cls))
    return found


def _resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = openapi_schemas()[schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _branches(schema: dict[str, Any]) -> list[dict[str, Any]]:
    """What the API may send for a field: each branch of anyOf / oneOf, each type of a list."""
    schema = _resolve(schema)
    for key in ("anyOf", "oneOf"):
        if key in schema:
            return [b for branch in schema[key] for b in _branches(branch)]
    kind = schema.get("type")
    if isinstance(kind, list):
        return [{**schema, "type": k} for k in kind]
    if kind is None and "enum" in schema:
        return [{**schema, "type": "string"}]
    if kind is None and "properties" in schema:
        return [{**schema, "type": "object"}]
    return [schema]


def _holds(annotation: Any, branch: dict[str, Any]) -> bool:
    """Whether a mirror field of this type can hold what the API sends in this branch."""
    kind = branch.get("type")
    if annotation is Any or isinstance(annotation, typing.TypeVar) or kind is None:
        return True
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        return any(_holds(member, branch) for member in typing.get_args(annotation))
    if annotation is type(None):
        return kind == "null"
    if annotation in JSON_TYPES:
        return kind in JSON_TYPES[annotation]
    if origin is list:
        if kind != "array":
            return False
        (item,) = typing.get_args(annotation) or (Any,)
        return _compatible(item, branch.get("items", {})) is None
    if origin is dict or annotation is dict:
        if kind != "object":
            return False
        args = typing.get_args(annotation)
        extra = branch.get("additionalProperties")
        if len(args) == 2 and isinstance(extra, dict):
            return _compatible(args[1], extra) is None
        return True
    if inspect.isclass(annotation) and issubclass(annotation, BaseModel):
        return kind == "object"
    return False


def _compatible(annotation: Any, schema: dict[str, Any]) -> str | None:
    """None, or the first value shape the API may send that the mirror cannot hold."""
    for branch in _branches(schema):
        if not _holds(annotation, branch):
            return branch.get("type") or str(branch)
    return None


def test_every_mirror_model_is_mapped_to_an_api_schema():
    mirrors = {key for key, _cls in _mirrors()}
    unmapped = mirrors - set(SCHEMAS) - set(FREE_FORM)
    assert not unmapped, f"map these mirrors to the API schema they parse: {sorted(unmapped)}"
    missing = {name for name in SCHEMAS.values() if name not in openapi_schemas()}
    assert not missing, f"schemas gone from the API: {sorted(missing)}"


@pytest.mark.parametrize(
    ("key", "mirror"),
    [(key, cls) for key, cls in _mirrors() if key in SCHEMAS],
    ids=lambda v: ".".join(v) if isinstance(v, tuple) else "",
)
def test_every_field_the_web_reads_exists_in_the_api_with_a_compatible_type(key, mirror):
    schema = openapi_schemas()[SCHEMAS[key]]
    properties = schema.get("properties", {})
    required = set(schema.get("required", []))
    problems = []
    for name, field in mirror.model_fields.items():
        api_name = field.alias or name
        if api_name not in properties:
            problems.append(f"{name}: not in {SCHEMAS[key]}")
            continue
        if field.is_required() and api_name not in required:
            problems.append(f"{name}: required by the page, optional in the API")
        wrong = _compatible(field.annotation, properties[api_name])
        if wrong is not None:
            problems.append(f"{name}: the API may send {wrong}, the page holds {field.annotation}")
    assert not problems, f"{key[0]}.{key[1]} ↔ {SCHEMAS[key]}: " + "; ".join(problems)


def test_the_check_fails_when_the_api_drops_renames_or_retypes_a_field(monkeypatch):
    """The check itself: a schema without `permissions`, or with a number for a name, fails."""
    real = openapi_schemas()
    me = real["Me"]
    renamed = {
        **me,
        "properties": {k: v for k, v in me["properties"].items() if k != "permissions"},
    }
    assert "permissions" in api_models.Me.model_fields and "permissions" in me["properties"]
    assert _compatible(api_models.Me.model_fields["full_name"].annotation, {"type": "integer"})
    assert _compatible(list[str], me["properties"]["permissions"]) is None
    monkeypatch.setitem(real, "Me", renamed)
    with pytest.raises(AssertionError, match="permissions: not in Me"):
        test_every_field_the_web_reads_exists_in_the_api_with_a_compatible_type(
            ("api_models", "Me"), api_models.Me
        )


def test_page_envelope_matches_every_paged_list():
    """Page[T] is read for every list: its envelope fields are in each Page_* schema."""
    pages = [name for name in openapi_schemas() if name.startswith("Page_")]
    assert pages
    for name in pages:
        properties = openapi_schemas()[name]["properties"]
        assert set(Page.model_fields) <= set(properties), name
