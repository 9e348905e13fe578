"""Accent folding: what the search compares."""

import unicodedata

import pytest

from app.services.text import fold


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
