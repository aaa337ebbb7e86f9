"""People's names (issue 10): a name made of invisible or direction-changing characters, or of no letter at all,
is refused with a message naming the field; ordinary Chinese, minority and foreign names pass."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sqjz.core.validators import REFUSED_CATEGORIES, validate_person_name


@pytest.mark.parametrize("name", ["张三", "欧阳娜娜", "阿不都热合曼·买买提", "John Smith", "O'Neil", "玛丽-安"])
def test_real_names_pass(name):
    validate_person_name(name)


@pytest.mark.parametrize(
    "name",
    [
        "\u200b\u200b",  # zero-width spaces only
        "张\u200b三",  # a zero-width space inside
        "\u202e三张",  # right-to-left override: shows reversed
        "张三\u2066",  # left-to-right isolate
        "\u2067张三\u2069",
        "张\u00ad三",  # soft hyphen
        "张\ue000",  # private use
        "张\u2028三",  # line separator
        "张\x07三",  # a control character
        "\ufeff张三",  # byte order mark
    ],
)
def test_invisible_or_direction_changing_characters_are_refused(name):
    with pytest.raises(ValidationError, match="不可见或改变文字方向") as exc:
        validate_person_name(name)
    assert exc.value.code == "invisible"


@pytest.mark.parametrize("name", ["\u3000\u3000", "···", "123", "--", "\u00a0 \u2003"])
def test_a_name_without_any_letter_is_refused(name):
    with pytest.raises(ValidationError, match="姓名应包含文字"):
        validate_person_name(name)


@given(st.text(min_size=1, max_size=12))
def test_a_name_passes_exactly_when_it_has_a_letter_and_no_hidden_character(name):
    hidden = any(unicodedata.category(c) in REFUSED_CATEGORIES for c in name)
    letter = any(unicodedata.category(c).startswith("L") for c in name)
    try:
        validate_person_name(name)
    except ValidationError:
        assert hidden or not letter
    else:
        assert letter and not hidden
