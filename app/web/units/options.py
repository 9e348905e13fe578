"""Units as the options of a <select>: tree order, indented by depth, external ones marked."""

from app.web.api_models import Unit
from app.web.i18n import gettext

INDENT = "\u00a0\u00a0\u00a0"


def unit_options(units: list[Unit], *, internal_only: bool = False) -> list[tuple[int, str]]:
    if not units:
        return []
    top = min(u.depth for u in units)
    outside = gettext("outside the sector")
    options = []
    for unit in units:
        if internal_only and unit.is_external:
            continue
        label = INDENT * (unit.depth - top) + unit.name
        if unit.is_external:
            label += f" ({outside})"
        options.append((unit.id, label))
    return options
