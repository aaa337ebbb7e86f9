"""Formats of Chinese identity documents and phone numbers: checking and masking.

Resident identity numbers follow GB 11643-1999: 6-digit region, 8-digit birth date, 3-digit sequence
(odd for men, even for women) and an ISO 7064 MOD 11-2 check character.
"""

import re
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.utils import timezone

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK_CHARS = "10X98765432"
# re.ASCII: \d would otherwise also match full-width and other Unicode digits, which would be stored as
# typed and then never match an exact search or the duplicate check.
MOBILE = re.compile(r"^1[3-9]\d{9}$", re.ASCII)
LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}$", re.ASCII)
RESIDENT_ID = re.compile(r"^\d{17}[\dX]$", re.ASCII)
# The first two digits of the region code (GB/T 2260): the provinces, autonomous regions and municipalities,
# Taiwan (71), Hong Kong (81), Macao (82) and Taiwan residents' residence permits (83). No table of every county
# (several thousand codes, some abolished since their holders were born) is kept: a code whose province part is
# none of these, such as 000000, is no region.
PROVINCES = frozenset(
    [
        "11",
        "12",
        "13",
        "14",
        "15",
        "21",
        "22",
        "23",
        "31",
        "32",
        "33",
        "34",
        "35",
        "36",
        "37",
        "41",
        "42",
        "43",
        "44",
        "45",
        "46",
        "50",
        "51",
        "52",
        "53",
        "54",
        "61",
        "62",
        "63",
        "64",
        "65",
        "71",
        "81",
        "82",
        "83",
    ]
)


@dataclass(frozen=True)
class ResidentId:
    number: str
    region: str
    birth_date: date
    is_male: bool


def check_char(first17: str) -> str:
    return CHECK_CHARS[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def parse_resident_id(value: str, *, today: date | None = None) -> ResidentId:
    """Check an 18-character identity number and return what it encodes; errors in Chinese."""
    number = value.strip().upper()
    if len(number) != 18:
        raise ValidationError(f"身份证号应为18位，当前为{len(number)}位。", code="length")
    if not RESIDENT_ID.match(number):
        raise ValidationError("身份证号前17位应为数字，最后一位为数字或X。", code="format")
    # A foreign permanent resident's number (2023 form) starts with 9, then the province of the issuing office.
    province = number[1:3] if number.startswith("9") else number[:2]
    if province not in PROVINCES:
        raise ValidationError(f"身份证号前6位地区码（{number[:6]}）不是有效的行政区划代码，请核对。", code="region")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationError("身份证号中的出生日期（第7至14位）不是有效日期。", code="birth_date") from None
    if birth.year < 1900 or birth > (today or timezone.localdate()):
        raise ValidationError("身份证号中的出生日期（第7至14位）不合理。", code="birth_date")
    if check_char(number[:17]) != number[17]:
        raise ValidationError("身份证号校验位不正确，请核对最后一位。", code="check_digit")
    return ResidentId(number=number, region=number[:6], birth_date=birth, is_male=int(number[16]) % 2 == 1)


def validate_phone(value: str) -> str:
    phone = value.strip().replace(" ", "")
    if MOBILE.match(phone) or LANDLINE.match(phone):
        return phone
    if phone.isascii() and phone.isdigit() and phone.startswith("1") and len(phone) != 11:
        raise ValidationError(f"手机号码应为11位数字，当前为{len(phone)}位。", code="phone")
    raise ValidationError("电话号码格式不正确：手机号为11位数字，固定电话如0877-2012345。", code="phone")


def mask_identity(number: str) -> str:
    if len(number) <= 10:
        return number[:2] + "*" * max(len(number) - 2, 0)
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def mask_phone(phone: str) -> str:
    if MOBILE.match(phone):
        return phone[:3] + "****" + phone[-4:]
    return phone[:-4] + "****" if len(phone) > 4 else "****"
