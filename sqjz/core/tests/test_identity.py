"""Identity numbers (GB 11643-1999) and phone numbers: what is accepted, what is refused and why."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from sqjz.core.identity import PROVINCES, check_char, mask_identity, mask_phone, parse_resident_id, validate_phone

TODAY = date(2026, 11, 28)
GB_EXAMPLE = "11010519491231002X"  # the worked example of GB 11643-1999


def with_check(first17: str) -> str:
    return first17 + check_char(first17)


def test_standard_example_parses_to_its_birth_date_and_sex():
    parsed = parse_resident_id(GB_EXAMPLE, today=TODAY)
    assert parsed.number == GB_EXAMPLE
    assert parsed.region == "110105"
    assert parsed.birth_date == date(1949, 12, 31)
    assert parsed.is_male is False  # sequence 002 is even: a woman


def test_lowercase_x_and_surrounding_spaces_are_accepted_and_normalised():
    parsed = parse_resident_id(" 11010519491231002x ", today=TODAY)
    assert parsed.number == GB_EXAMPLE


def test_odd_sequence_means_male():
    assert parse_resident_id(with_check("53040219900517001"), today=TODAY).is_male is True


def test_wrong_check_digit_is_refused_naming_the_check_digit():
    with pytest.raises(ValidationError, match="校验位") as exc:
        parse_resident_id("110105194912310021", today=TODAY)
    assert exc.value.code == "check_digit"


def test_seventeen_characters_are_refused_asking_for_eighteen():
    with pytest.raises(ValidationError, match="18位") as exc:
        parse_resident_id(GB_EXAMPLE[:17], today=TODAY)
    assert "当前为17位" in exc.value.messages[0]


def test_letters_inside_the_number_are_refused():
    with pytest.raises(ValidationError, match="前17位应为数字"):
        parse_resident_id("1101051949123100AX", today=TODAY)


@pytest.mark.parametrize(
    "number",
    [
        "１１０１０５１９４９１２３１００２X",  # full-width digits: would be stored unlike the ASCII form
        "²1010519491231002X",  # a Unicode digit int() cannot read: must not crash the form
    ],
)
def test_digits_other_than_ascii_are_refused_as_a_format_error(number):
    with pytest.raises(ValidationError, match="前17位应为数字") as exc:
        parse_resident_id(number, today=TODAY)
    assert exc.value.code == "format"


@pytest.mark.parametrize("birth", ["19490230", "19491301", "20230229", "19490000"])
def test_impossible_birth_date_is_refused_even_with_a_correct_check_digit(birth):
    with pytest.raises(ValidationError, match="出生日期") as exc:
        parse_resident_id(with_check(f"110105{birth}002"), today=TODAY)
    assert exc.value.code == "birth_date"


def test_birth_date_after_today_is_refused():
    with pytest.raises(ValidationError, match="出生日期"):
        parse_resident_id(with_check("11010520261129002"), today=TODAY)
    assert parse_resident_id(with_check("11010520261128002"), today=TODAY).birth_date == TODAY


def test_without_explicit_today_the_local_date_decides_what_is_in_the_future():
    number = with_check("11010520261129002")  # born 29 November 2026
    with (
        time_machine.travel(datetime(2026, 11, 28, 23, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False),
        pytest.raises(ValidationError),
    ):
        parse_resident_id(number)
    with time_machine.travel(datetime(2026, 11, 29, 0, 30, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False):
        assert parse_resident_id(number).birth_date == date(2026, 11, 29)


def test_birth_before_1900_is_refused():
    with pytest.raises(ValidationError, match="不合理"):
        parse_resident_id(with_check("11010518991231002"), today=TODAY)


@pytest.mark.parametrize("phone", ["13912345678", "19812345678", "0877-2012345", "08772012345", "010-12345678"])
def test_mobiles_and_landlines_are_accepted(phone):
    assert validate_phone(phone) == phone


def test_spaces_in_a_phone_number_are_removed():
    assert validate_phone(" 139 1234 5678 ") == "13912345678"


def test_ten_digit_mobile_is_refused_asking_for_eleven_digits():
    with pytest.raises(ValidationError, match="11位") as exc:
        validate_phone("1391234567")
    assert "当前为10位" in exc.value.messages[0]


@pytest.mark.parametrize(
    "phone", ["877-2012345", "电话", "0877-20123", "1391234567a", "139１２３４５６７８", "0877-２012345"]
)
def test_other_malformed_numbers_are_refused_with_an_example(phone):
    with pytest.raises(ValidationError, match="0877-2012345"):
        validate_phone(phone)


def test_eleven_digits_that_are_no_mobile_are_not_told_their_length_is_wrong():
    with pytest.raises(ValidationError) as exc:
        validate_phone("12345678901")  # no mobile numbers begin with 12
    assert "当前为11位" not in exc.value.messages[0]
    assert "0877-2012345" in exc.value.messages[0]


def test_masked_identity_keeps_region_and_last_four():
    assert mask_identity(GB_EXAMPLE) == "110105********002X"


def test_short_document_numbers_show_only_two_characters():
    assert mask_identity("E1234567") == "E1******"


def test_masked_mobile_keeps_first_three_and_last_four():
    assert mask_phone("13912345678") == "139****5678"


def test_masked_landline_hides_the_last_four_digits():
    assert mask_phone("0877-2012345") == "0877-201****"
    assert mask_phone("1234") == "****"


regions = st.builds(lambda p, rest: f"{p}{rest:04d}", st.sampled_from(sorted(PROVINCES)), st.integers(0, 9999))
births = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)
sequences = st.integers(0, 999)


@given(region=regions, birth=births, sequence=sequences)
def test_any_well_formed_number_parses_back_to_its_birth_date_and_sex(region, birth, sequence):
    number = with_check(f"{region}{birth:%Y%m%d}{sequence:03d}")
    parsed = parse_resident_id(number, today=TODAY)
    assert parsed.birth_date == birth
    assert parsed.is_male == (sequence % 2 == 1)
    assert parsed.region == region


@given(
    region=regions,
    birth=births,
    sequence=sequences,
    position=st.integers(0, 16),
    shift=st.integers(1, 9),
)
def test_changing_any_one_of_the_first_seventeen_digits_is_detected(region, birth, sequence, position, shift):
    number = with_check(f"{region}{birth:%Y%m%d}{sequence:03d}")
    wrong_digit = str((int(number[position]) + shift) % 10)
    altered = number[:position] + wrong_digit + number[position + 1 :]
    assert check_char(altered[:17]) != altered[17]  # MOD 11-2 catches every single-digit error
    with pytest.raises(ValidationError):
        parse_resident_id(altered, today=TODAY)


@pytest.mark.parametrize("region", ["000000", "000101", "990101", "200101", "100101", "600101"])
def test_a_region_that_is_no_province_is_refused(region):
    """Issue 10: 000000 (and any code whose first two digits are no province) was saved."""
    with pytest.raises(ValidationError, match="地区码") as exc:
        parse_resident_id(with_check(f"{region}19900517001"), today=TODAY)
    assert exc.value.code == "region"


@pytest.mark.parametrize("region", ["530402", "110105", "650102", "810000", "532401"])
def test_regions_of_real_provinces_are_accepted(region):
    assert parse_resident_id(with_check(f"{region}19900517001"), today=TODAY).region == region
