"""Accent-folding so that "giong trom" finds "Giồng Trôm"."""

import unicodedata


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return " ".join(stripped.lower().split())


def code_contains(column, text: str):  # type: ignore[no-untyped-def]
    """Numbers such as "258/KH-CTHADS" or "1200/QĐ-CTHADS" are written in capitals, and SQLite's
    lower() folds ASCII only: match what was typed, or its capitals. % and _ are characters."""
    typed = text.strip()
    return column.contains(typed, autoescape=True) | column.contains(typed.upper(), autoescape=True)
