"""Accent folding: what the search compares."""

import unicodedata

import pytest
from pydantic import TypeAdapter, ValidationError

from app.core.types import ExactText, LongText, Name, SafeStr, ShortText
from app.services.text import fold, nfc


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Giồng Trôm", "giong trom"),
        ("Chi cục THADS huyện Mỏ Cày Bắc", "chi cuc thads huyen mo cay bac"),
        ("Đặng Thị Đào", "dang thi dao"),
        ("đường Đồng Khởi", "duong dong khoi"),
        ("Ủy ban nhân dân tỉnh Bến Tre", "uy ban nhan dan tinh ben tre"),
        ("  Thạnh \t Phú\n", "thanh phu"),
        ("CC_A1", "cc_a1"),
        ("", ""),
    ],
)
def test_fold(text, folded):
    assert fold(text) == folded


def test_composed_and_decomposed_input_fold_alike():
    name = "Nguyễn Thị Hương"
    assert fold(unicodedata.normalize("NFC", name)) == fold(unicodedata.normalize("NFD", name))


def test_fold_is_idempotent():
    assert fold(fold("Lê Minh Châu")) == fold("Lê Minh Châu")


def test_compatibility_forms_and_invisible_characters_fold_away():
    assert fold("Ｇｉồｎｇ Ｔｒôｍ") == "giong trom"  # full-width letters
    assert fold("\ufeffNguyễn\u200b Văn\u200d An\u200e") == "nguyen van an"
    assert fold("ÐẶNG") == "dang"  # U+00D0, the look-alike of Đ


def test_a_query_is_compared_in_the_stored_form():
    decomposed = unicodedata.normalize("NFD", "Quyết định")
    assert nfc(decomposed) == "Quyết định"
    assert nfc(decomposed) != decomposed


# --- the shared field types (app.core.types) ---------------------------------------------------


def _check(annotation, value):
    return TypeAdapter(annotation).validate_python(value)


def _refusal(annotation, value) -> str:
    with pytest.raises(ValidationError) as raised:
        _check(annotation, value)
    return raised.value.errors()[0]["type"]


@pytest.mark.parametrize("annotation", [Name, ShortText, LongText, SafeStr])
def test_text_is_stored_composed(annotation):
    assert _check(annotation, unicodedata.normalize("NFD", "Nguyễn Thị Hương")) == (
        unicodedata.normalize("NFC", "Nguyễn Thị Hương")
    )


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("\u202eNguyễn", "text_bidi"),  # right-to-left override
        ("An\u2066B\u2069", "text_bidi"),  # isolates
        ("\u202aAn\u202c", "text_bidi"),  # embedding
        ("\u200b", "text_invisible"),  # zero-width space only
        ("\u200b\u200c\u200d\u2060", "text_invisible"),
        ("\ufeff", "text_invisible"),  # BOM only
        (" \ufeff \u200b ", "text_invisible"),
        ("\u3164", "text_invisible"),  # Hangul filler: looks empty
        ("\u0301", "text_invisible"),  # a lone accent
        ("An\x07", "text_control"),  # bell
        ("An\x1b[31m", "text_control"),  # terminal escape
        ("An\x85Bình", "text_control"),  # C1 next line
        ("An\nBình", "text_control"),  # one line only
        ("An\tBình", "text_control"),
        ("An\x00", "value_error"),
    ],
)
@pytest.mark.parametrize("annotation", [Name, ShortText])
def test_names_and_short_text_refuse(annotation, value, kind):
    assert _refusal(annotation, value) == kind


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        ("\u202eý kiến", "text_bidi"),
        ("\u200b\n\ufeff", "text_invisible"),
        ("dòng 1\x0bdòng 2", "text_control"),  # vertical tab
        ("dòng\x7f", "text_control"),  # DEL
    ],
)
def test_long_text_refuses(value, kind):
    assert _refusal(LongText, value) == kind


def test_long_text_keeps_line_breaks_and_tabs():
    assert _check(LongText, "Dòng 1\r\nDòng 2\n\tmục a") == "Dòng 1\r\nDòng 2\n\tmục a"


def test_invisible_ends_are_trimmed_and_joiners_inside_kept():
    assert _check(Name, "\ufeff Nguyễn Văn An\u200b ") == "Nguyễn Văn An"
    assert _check(ShortText, "a\u200db") == "a\u200db"
    assert _check(ShortText, "") == ""  # an optional text may still be cleared
    assert _check(Name, "\u200fسلام\u200f") == "سلام"  # direction marks trim like spaces


def test_exact_text_keeps_what_was_sent_but_not_nul():
    password = unicodedata.normalize("NFD", " mật khẩu dài \u202e ")
    assert _check(ExactText, password) == password
    assert _refusal(ExactText, "mật\x00khẩu") == "value_error"
