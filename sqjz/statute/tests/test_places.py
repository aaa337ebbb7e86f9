"""禁止令 and 进入特定场所 (SPECIAL_PLACE_ENTRY_*) and trips under a frequent-travel permit (FREQUENT_TRAVEL_TRIP).
Pure rules: no database. The worked examples run in test_registry.py; here are the properties."""

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months
from sqjz.statute.registry import Context
from sqjz.statute.rules.places import ENTRY_KINDS, special_place_entry_approver, special_place_entry_window
from sqjz.statute.rules.travel import frequent_travel_trip

CTX = Context.default()
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2028, 12, 31))
moments = st.datetimes(min_value=datetime(2021, 1, 1), max_value=datetime(2028, 12, 31))


@pytest.mark.parametrize("kind", sorted(ENTRY_KINDS))
def test_the_county_agency_approves_every_kind_and_the_procuratorate_is_told(kind):
    decision = special_place_entry_approver(CTX, kind=kind)
    assert decision.outcome == "county_agency"
    assert any("人民检察院" in r for r in decision.reasons)
    assert any("司法所" in r and "不能批准" in r for r in decision.reasons)


def test_an_unknown_kind_is_a_programming_error():
    with pytest.raises(ValueError):
        special_place_entry_approver(CTX, kind="shop")


@given(moments, st.integers(min_value=-3000, max_value=3000), days, st.integers(min_value=0, max_value=800))
def test_a_window_is_approvable_exactly_when_it_lies_inside_the_order_and_ends_after_it_starts(
    start, minutes, order_start, length
):
    end = start + timedelta(minutes=minutes)
    order_end = order_start + timedelta(days=length)
    decision = special_place_entry_window(
        CTX, window_from=start, window_to=end, order_start=order_start, order_end=order_end
    )
    inside = order_start <= start.date() and end.date() <= order_end
    assert decision.outcome is (minutes > 0 and inside)
    assert len(decision.reasons) == 2 and all(decision.reasons)


def test_a_window_straddling_the_order_end_is_refused_with_the_reason():
    decision = special_place_entry_window(
        CTX,
        window_from=datetime(2027, 5, 31, 20, 0),
        window_to=datetime(2027, 6, 1, 8, 0),
        order_start=date(2026, 6, 1),
        order_end=date(2027, 5, 31),
    )
    assert decision.outcome is False
    assert "部分在禁止令执行期限之外" in decision.reasons[1]


destinations = st.lists(st.sampled_from(["昆明市", "大理市", "个旧市", "曲靖市", "楚雄市"]), min_size=1, unique=True)


@given(
    days,
    destinations,
    st.sampled_from(["昆明市", "大理市", "个旧市", "曲靖市", "楚雄市"]),
    st.integers(-30, 220),
    st.integers(1, 20),
)
def test_a_trip_is_allowed_exactly_when_it_goes_where_and_when_the_permit_says(approved, allowed, where, offset, n):
    start = approved + timedelta(days=offset)
    decision = frequent_travel_trip(
        CTX, approved_on=approved, destinations=allowed, destination=where, start=start, days=n
    )
    until = add_months(approved, 6)
    expected = where in allowed and start >= approved and start + timedelta(days=n - 1) <= until
    assert decision.outcome is expected
    assert decision.facts["valid_until"] == until
    if not expected:
        assert len(decision.reasons) >= 2


def test_a_trip_after_expiry_is_refused_naming_the_expiry_day():
    decision = frequent_travel_trip(
        CTX,
        approved_on=date(2026, 3, 5),
        destinations=["昆明市"],
        destination="昆明市",
        start=date(2026, 9, 10),
        days=1,
    )
    assert decision.outcome is False
    assert any("2026年9月5日" in r and "重新申请" in r for r in decision.reasons)
