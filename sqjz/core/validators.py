"""Validators for what people type that every part shares."""

import unicodedata

from django.core.exceptions import ValidationError

# Control, format (zero-width characters, bidi controls U+202A–E and U+2066–9, soft hyphen, byte order mark),
# private-use and surrogate code points, and line and paragraph separators: invisible on the page, or they change
# how the text around them is shown, so a name made with them cannot be read back, searched or told apart.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Co", "Cs", "Zl", "Zp"})


def validate_person_name(value: str) -> None:
    """A person's name (supervisees, family members, team members, users): no invisible or direction-changing
    character, and at least one letter (Chinese characters are letters to Unicode)."""
    if any(unicodedata.category(char) in REFUSED_CATEGORIES for char in value):
        raise ValidationError(
            "姓名含有不可见或改变文字方向的字符（如零宽字符、方向控制符），请删除后重新输入。", code="invisible"
        )
    if not any(unicodedata.category(char).startswith("L") for char in value):
        raise ValidationError("姓名应包含文字，不能只由空格、数字或符号组成。", code="no_letter")
