"""Accent-folding so that "giong trom" finds "Giồng Trôm", and one form for text that looks alike.

Stored text is NFC (app.core.types); a query is brought to NFC too before it is compared with
stored text, and `fold` maps every form of a name (NFC, NFD, compatibility forms, invisible
characters) to one key, so search and duplicate checks see what a person sees.
"""

import unicodedata

from sqlalchemy import and_, true

# Dropped when folding: combining marks (the accents, once decomposed) and format characters
# (zero-width spaces and joiners, BOM, direction marks), which draw nothing.
_DROPPED = frozenset({"Mn", "Cf"})
# Đ/đ have no decomposition; U+00D0 (Ð) is its look-alike from other keyboards.
_LETTERS = str.maketrans({"đ": "d", "Đ": "D", "Ð": "D"})


def nfc(text: str) -> str:
    """The form text is stored in: compare queries in it, not as typed."""
    return unicodedata.normalize("NFC", text)


def fold(text: str) -> str:
    compatible = unicodedata.normalize("NFKC", text)  # full-width "Ｂ" is "B", "ﬁ" is "fi"
    decomposed = unicodedata.normalize("NFD", compatible.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if unicodedata.category(ch) not in _DROPPED)
    return " ".join(stripped.lower().split())


def words_match(column, text: str):  # type: ignore[no-untyped-def]
    """Every word typed appears in the folded column, in any order and with other words
    between: "cong an giong trom" finds "Công an huyện Giồng Trôm". % and _ are characters."""
    words = fold(text).split()[:12]  # a bounded query, however much is pasted
    return and_(*[column.contains(word, autoescape=True) for word in words]) if words else true()


def code_contains(column, text: str):  # type: ignore[no-untyped-def]
    """Numbers such as "258/KH-CTHADS" or "1200/QĐ-CTHADS" are written in capitals, and SQLite's
    lower() folds ASCII only: match what was typed, or its capitals. % and _ are characters."""
    typed = nfc(text.strip())
    return column.contains(typed, autoescape=True) | column.contains(typed.upper(), autoescape=True)
