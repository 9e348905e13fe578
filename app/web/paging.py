"""Page numbers for lists: `?page=` (1-based) over the API's limit/offset."""

from dataclasses import dataclass, replace
from urllib.parse import urlencode

from starlette.requests import Request

MAX_PAGE = 100_000


@dataclass(frozen=True)
class Paging:
    page: int
    size: int
    path: str
    query: tuple[tuple[str, str], ...] = ()
    total: int = 0

    @classmethod
    def from_request(cls, request: Request, size: int) -> "Paging":
        raw = request.query_params.get("page", "1")
        page = int(raw) if raw.isdigit() else 1
        query = tuple((k, v) for k, v in request.query_params.multi_items() if k != "page")
        return cls(max(1, min(page, MAX_PAGE)), size, request.url.path, query)

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.size

    def with_total(self, total: int) -> "Paging":
        return replace(self, total=total)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.size))

    @property
    def first_row(self) -> int:
        return min(self.offset + 1, self.total)

    @property
    def last_row(self) -> int:
        return min(self.offset + self.size, self.total)

    def url(self, page: int) -> str:
        params = [*self.query, ("page", str(page))] if page > 1 else list(self.query)
        return self.path + ("?" + urlencode(params) if params else "")

    @property
    def previous_url(self) -> str | None:
        return self.url(self.page - 1) if self.page > 1 else None

    @property
    def next_url(self) -> str | None:
        return self.url(self.page + 1) if self.page < self.pages else None
