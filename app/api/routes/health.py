from fastapi import APIRouter
from fastapi.responses import JSONResponse
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from app.api.deps import SessionDep
from app.api.openapi import errors

router = APIRouter(tags=["health"])


@router.get("/health", responses=errors(503))
def health(session: SessionDep) -> dict[str, str]:
    """Answers ok when the database answers."""
    try:
        session.exec(text("SELECT 1"))  # type: ignore[call-overload]
    except SQLAlchemyError:
        return JSONResponse(  # type: ignore[return-value]
            {
                "type": "about:blank",
                "title": "Service unavailable",
                "status": 503,
                "detail": "The database is not reachable",
                "errors": [],
            },
            status_code=503,
            media_type="application/problem+json",
        )
    return {"status": "ok"}
