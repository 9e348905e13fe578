"""The permission matrix, one module per area of the API; `OPERATIONS` gathers every row.

Add a row when you add a route: `tests/api/test_permissions.py` fails for an operation of the
OpenAPI document that has none.
"""

from tests.api.matrix import accounts, awards, campaigns, figures, restructurings
from tests.api.matrix.core import Op

OPERATIONS: list[Op] = [
    *accounts.ROWS,
    *figures.ROWS,
    *campaigns.ROWS,
    *awards.ROWS,
    *restructurings.ROWS,
]

__all__ = ["OPERATIONS", "Op"]
