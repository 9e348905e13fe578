from typing import Annotated

from fastapi import Depends, Header

from app.core.messages import pick_language


def language(
    accept_language: Annotated[
        str | None, Header(max_length=200, description="vi (default) or en")
    ] = None,
) -> str:
    return pick_language(accept_language)


Lang = Annotated[str, Depends(language)]
