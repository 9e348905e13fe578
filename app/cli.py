"""The `thidua` command: serve, migrate, load the demo year, make users and tokens."""

from datetime import timedelta
from typing import Annotated

import typer
from sqlmodel import Session, select

from app.core.config import PROJECT_ROOT, get_settings

app = typer.Typer(
    help="thidua: the emulation-and-commendation year of THADS offices.", no_args_is_help=True
)
db_app = typer.Typer(help="Database migrations.", no_args_is_help=True)
user_app = typer.Typer(help="User accounts.", no_args_is_help=True)
token_app = typer.Typer(help="Personal API tokens.", no_args_is_help=True)
app.add_typer(db_app, name="db")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


def _alembic_config():  # type: ignore[no-untyped-def]
    from alembic.config import Config

    return Config(str(PROJECT_ROOT / "alembic.ini"))


def _session() -> Session:
    from app.core.db import get_engine

    return Session(get_engine(), expire_on_commit=False)


@app.command()
def serve(
    host: str = "127.0.0.1",
    port: int = 8000,
    workers: Annotated[int, typer.Option(help="Worker processes")] = 1,
    reload: bool = False,
    forwarded_allow_ips: Annotated[
        str,
        typer.Option(
            envvar="FORWARDED_ALLOW_IPS", help="Proxies whose X-Forwarded-* headers are trusted"
        ),
    ] = "127.0.0.1",
) -> None:
    """Serve the API and the pages."""
    import uvicorn

    get_settings()  # refuse to start on a default secret before binding the port
    uvicorn.run(
        "app.main:app",
        host=host,
        port=port,
        workers=workers,
        reload=reload,
        proxy_headers=True,
        forwarded_allow_ips=forwarded_allow_ips,
    )


@db_app.command("upgrade")
def db_upgrade(revision: str = "head") -> None:
    """Migrate the database to the newest schema."""
    from alembic import command
    from app.services.awards.catalogue import ensure_award_types
    from app.services.levels import ensure_levels
    from app.services.reports.catalogue import ensure_catalogue
    from app.services.scope import refresh_inherited_scopes

    command.upgrade(_alembic_config(), revision)
    with _session() as session:
        added = ensure_levels(session) + ensure_catalogue(session) + ensure_award_types(session)
        refresh_inherited_scopes(session)  # from the succession links, whatever came before
        session.commit()
    typer.echo(f"database at {revision}" + (f"; {added} THADS definitions added" if added else ""))


@db_app.command("check")
def db_check() -> None:
    """Fail when the models and the migrations disagree."""
    from alembic import command

    command.check(_alembic_config())


@app.command()
def demo(
    if_empty: Annotated[
        bool, typer.Option("--if-empty", help="Only load into an empty database")
    ] = False,
    year_2022_only: Annotated[
        bool,
        typer.Option("--2022-only", help="Only the 2022 year, with 2023-Q1 open (no later years)"),
    ] = False,
) -> None:
    """Load the demo (illustrative data): Bến Tre 2022, then the later years, the 1 July 2025
    restructuring and the current statistics year up to today (Asia/Ho_Chi_Minh)."""
    from app.core.types import utcnow
    from app.demo import loader
    from app.services.reports.reports import local_date

    with _session() as session:
        if not loader.is_empty(session):
            if if_empty:
                typer.echo("database not empty: demo data left as it is")
                return
            typer.echo("database not empty; the demo loads only into an empty database", err=True)
            raise typer.Exit(1)
        today = None if year_2022_only else local_date(utcnow())
        loader.load(session, today=today)
        counts = loader.counts(session)
    typer.echo("demo loaded: " + ", ".join(f"{v} {k}" for k, v in counts.items()))


unit_app = typer.Typer(help="Units.", no_args_is_help=True)
app.add_typer(unit_app, name="unit")
app.add_typer(unit_app, name="units", help="Units (the same commands as `unit`).")


@unit_app.command("create")
def unit_create(
    code: str,
    name: str,
    kind: Annotated[
        str, typer.Option(help="ministry, general_department, provincial_department, …")
    ],
    parent: Annotated[str, typer.Option(help="Code of the parent unit; empty for a root")] = "",
) -> None:
    """Create a unit (the first one of a new installation, for instance)."""
    from pydantic import ValidationError

    from app.core.errors import ServiceError
    from app.models.units import Unit, UnitCreate
    from app.services import units
    from app.services.scope import Actor

    with _session() as session:
        parent_id = None
        if parent:
            found = session.exec(select(Unit).where(Unit.code == parent)).first()
            if found is None:
                typer.echo(f"no unit with code {parent}", err=True)
                raise typer.Exit(1)
            parent_id = found.id
        try:
            unit = units.create_unit(
                session,
                Actor.system(),
                UnitCreate(code=code, name=name, kind=kind, parent_id=parent_id),  # type: ignore[arg-type]
            )
        except (ValidationError, ServiceError) as exc:
            typer.echo(f"refused: {exc}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"unit {unit.code} created (id {unit.id})")


def _refused(exc: Exception) -> typer.Exit:
    """Print why the service refused (each field, in English) and give the exit to raise."""
    from app.core.errors import ServiceError
    from app.core.messages import translate

    if isinstance(exc, ServiceError):
        for issue in exc.errors:
            typer.echo(f"{issue.field}: {translate(issue.message, 'en', issue.params)}", err=True)
        exc = Exception(translate(exc.detail or exc.title, "en", exc.params))
    typer.echo(f"refused: {exc}", err=True)
    return typer.Exit(1)


@unit_app.command("restructure")
def unit_restructure(
    plan_file: Annotated[
        str, typer.Argument(help="The plan: a JSON file, or an .xlsx (docs/api.md §12)")
    ],
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Show what it would do")] = False,
) -> None:
    """Apply a restructuring plan (old units to new ones, a date, a legal basis) in one
    transaction, or preview it with --dry-run."""
    import json
    from pathlib import Path

    from pydantic import ValidationError

    from app.core.errors import ServiceError
    from app.models.restructurings import RestructuringPlan, RestructuringPreview
    from app.services.restructuring import plans
    from app.services.restructuring.workbook import plan_from_xlsx
    from app.services.scope import Actor

    path = Path(plan_file)
    try:
        raw = (
            plan_from_xlsx(path.read_bytes())
            if path.suffix.lower() == ".xlsx"
            else json.loads(path.read_text("utf-8"))
        )
        plan = RestructuringPlan.model_validate(raw)
    except (OSError, ValueError, ValidationError, ServiceError) as exc:
        raise _refused(exc) from None
    with _session() as session:
        try:
            result = plans.run(session, Actor.system(), plan, dry_run=dry_run)
        except ServiceError as exc:
            raise _refused(exc) from None
    if isinstance(result, RestructuringPreview):
        summary, head = result.summary, "dry run, nothing changed"
    else:
        summary, head = plans.to_public(result).summary, f"applied as restructuring {result.id}"
    typer.echo(f"{plan.title} ({plan.effective_on}, {plan.basis.number}): {head}")
    for event in summary.events:
        before = ", ".join(u.name for u in event.predecessors)
        after = ", ".join(u.name for u in event.successors)
        if event.parent is not None:  # a move: the same units, under another parent
            typer.echo(f"  {event.kind}: {before} -> under {event.parent.name}")
        else:
            typer.echo(f"  {event.kind}: {before or '-'} -> {after or '-'}")
    typer.echo(
        f"  units created {len(summary.created)}, ended {len(summary.ended)}, "
        f"changed {len(summary.changed)}; users moved {len(summary.users_moved)}, "
        f"to reassign {len(summary.users_to_reassign)}; open reports "
        f"{len(summary.open_reports)}; running campaigns {len(summary.running_campaigns)}"
    )


@user_app.command("create")
def user_create(
    username: str,
    unit: Annotated[str, typer.Option(help="Code of the user's home unit")],
    role: Annotated[str, typer.Option(help="admin, reviewer, reporter or viewer")] = "viewer",
    full_name: Annotated[str, typer.Option()] = "",
    password: Annotated[
        str, typer.Option(prompt=True, hide_input=True, confirmation_prompt=True)
    ] = "",
) -> None:
    """Create a user (the first administrator, for instance)."""
    from pydantic import ValidationError

    from app.core.errors import ServiceError
    from app.models.units import Unit
    from app.models.users import Role, UserCreate
    from app.services.accounts import users
    from app.services.scope import Actor

    with _session() as session:
        home = session.exec(select(Unit).where(Unit.code == unit)).first()
        if home is None:
            typer.echo(f"no unit with code {unit}", err=True)
            raise typer.Exit(1)
        try:
            data = UserCreate(
                username=username,
                full_name=full_name or username,
                role=Role(role),
                unit_id=home.id,
                password=password,
            )  # type: ignore[arg-type]
            user, _ = users.create_user(session, Actor.system(), data)
        except (ValidationError, ValueError, ServiceError) as exc:
            typer.echo(f"refused: {exc}", err=True)
            raise typer.Exit(1) from None
    typer.echo(f"user {user.username} created ({user.role}, {unit})")


@token_app.command("create")
def token_create(
    username: str,
    name: Annotated[str, typer.Option(help="What the token is for")] = "cli",
    scope: Annotated[str, typer.Option(help="read or write")] = "read",
    days: Annotated[int, typer.Option(min=1, max=365)] = 90,
) -> None:
    """Make a personal API token for a user and print its secret (shown once)."""
    from app.models.users import TokenKind, TokenScope, User
    from app.services.accounts import tokens

    with _session() as session:
        user = session.exec(select(User).where(User.username == username.lower())).first()
        if user is None or not user.is_active:
            typer.echo(f"no active user {username}", err=True)
            raise typer.Exit(1)
        _, secret = tokens.issue(
            session,
            user,
            kind=TokenKind.personal,
            name=name,
            scope=TokenScope(scope),
            lifetime=timedelta(days=days),
        )
        session.commit()
    typer.echo(secret)


@app.command()
def prune() -> None:
    """Forget expired login-throttle windows and idempotency records."""
    from app.services import idempotency
    from app.services.accounts import auth

    with _session() as session:
        auth.prune(session)
        idempotency.prune(session)


if __name__ == "__main__":
    app()
