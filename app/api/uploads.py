"""File bodies, sent raw (`--data-binary` with a Content-Type) or as the `file` part of a
multipart form (`curl -F file=@q4.csv`, what generated clients send).

Both are bounded by the body limit while they stream in (app.core.limits); nothing here adds
another limit."""

from dataclasses import dataclass
from pathlib import PurePath

from fastapi import Request
from starlette.datastructures import UploadFile

from app.core.errors import FieldIssue, Invalid

MULTIPART = "multipart/form-data"
# A part whose type says nothing (curl without `;type=`, a browser that does not know the
# extension) is typed by its file name instead.
GENERIC = frozenset({"", "application/octet-stream"})
BY_EXTENSION = {
    ".csv": "text/csv",
    ".json": "application/json",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".doc": "application/msword",
    ".pdf": "application/pdf",
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
}


@dataclass(frozen=True)
class Upload:
    content: bytes
    content_type: str  # lower case, without parameters
    filename: str | None
    field: str  # what an "unsupported type" error names: the header or the form field


def media_type(value: str | None) -> str:
    return (value or "").split(";")[0].strip().lower()


def part_type(declared: str | None, filename: str | None) -> str:
    kind = media_type(declared)
    if kind in GENERIC and filename:
        return BY_EXTENSION.get(PurePath(filename).suffix.lower(), kind)
    return kind


async def read_upload(request: Request) -> Upload:
    kind = media_type(request.headers.get("content-type"))
    if kind != MULTIPART:
        filename = request.headers.get("x-filename")
        return Upload(await request.body(), kind, filename, "content-type")
    # A malformed form raises 400, which the problem handler answers as 422 `body`.
    async with request.form() as form:
        part = form.get("file")
        if not isinstance(part, UploadFile):
            raise Invalid(FieldIssue("file", "This field is required", "missing"))
        content = await part.read()
        return Upload(content, part_type(part.content_type, part.filename), part.filename, "file")
