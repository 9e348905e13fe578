from fastapi import APIRouter
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.deps import SessionDep
from app.api.openapi import errors
from app.core.errors import Unavailable

router = APIRouter(tags=["health"])


@router.get("/health", responses=errors(503))
def health(session: SessionDep) -> dict[str, str]:
    """Answers ok when the database answers."""
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        raise Unavailable("The database is not reachable") from None
    return {"status": "ok"}
