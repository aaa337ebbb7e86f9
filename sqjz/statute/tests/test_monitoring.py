"""电子定位装置 (社区矫正法第二十九条). Pure rules: no database. The worked examples run in test_registry.py."""

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.calendar import add_months, shipped_calendar
from sqjz.statute.parameters import SHIPPED, ParameterSet, Version
from sqjz.statute.registry import Context
from sqjz.statute.rules.monitoring import (
    DEVICE_KINDS,
    DEVICE_PROPERTIES,
    MONITORING_GROUNDS,
    MonitoringPeriod,
    electronic_monitoring_device,
    electronic_monitoring_grounds,
    electronic_monitoring_period,
)

starts = st.dates(min_value=date(2020, 7, 1), max_value=date(2030, 12, 31))


def test_the_five_grounds_of_the_law_in_order():
    assert list(MONITORING_GROUNDS) == [
        "prohibition_order_breach",
        "left_without_approval",
        "refused_report_after_warning",
        "police_penalty",
        "revocation_pending",
    ]
    assert MONITORING_GROUNDS["refused_report_after_warning"] == "拒不按照规定报告自己的活动情况，被给予警告"


@pytest.mark.parametrize(("code", "item"), list(zip(MONITORING_GROUNDS, "一二三四五", strict=True)))
def test_each_ground_alone_allows_monitoring_and_is_named(code, item):
    decision = electronic_monitoring_grounds(grounds={code})
    assert decision.outcome is True
    assert decision.reasons[0] == f"符合社区矫正法第二十九条第一款第（{item}）项：{MONITORING_GROUNDS[code]}"
    assert any("县级司法行政部门负责人" in reason for reason in decision.reasons)
    assert decision.facts["holding"] == (code,)


def test_no_ground_means_no_monitoring():
    decision = electronic_monitoring_grounds(grounds=set())
    assert decision.outcome is False
    assert "五种情形中的任何一种" in decision.reasons[0]
    assert any("不得使用" in reason for reason in decision.reasons)


def test_several_grounds_are_all_named_in_the_order_of_the_law():
    decision = electronic_monitoring_grounds(grounds={"revocation_pending", "prohibition_order_breach"})
    assert decision.facts["holding"] == ("prohibition_order_breach", "revocation_pending")
    assert "违反人民法院禁止令" in decision.reasons[0]
    assert "拟提请撤销" in decision.reasons[1]


@pytest.mark.parametrize("grounds", [{"high_risk"}, {"prohibition_order_breach", "warning"}, {"违反禁止令"}])
def test_unknown_ground_codes_are_rejected(grounds):
    with pytest.raises(ValueError):
        electronic_monitoring_grounds(grounds=grounds)


@given(grounds=st.sets(st.sampled_from(sorted(MONITORING_GROUNDS))))
def test_monitoring_is_allowed_exactly_when_a_legal_ground_holds(grounds):
    decision = electronic_monitoring_grounds(grounds=grounds)
    assert decision.outcome == bool(grounds)
    assert set(decision.facts["holding"]) == grounds
    assert decision.articles == ("社区矫正法第二十九条",)


# Period


def test_three_months_is_allowed_and_four_is_refused():
    allowed = electronic_monitoring_period(start=date(2026, 11, 2), requested_months=3)
    assert allowed.outcome == MonitoringPeriod(True, date(2027, 2, 2))
    refused = electronic_monitoring_period(start=date(2026, 11, 2), requested_months=4)
    assert refused.outcome == MonitoringPeriod(False, None)
    assert not refused.outcome.allowed
    assert "超过法定上限3个月" in refused.reasons[0]
    assert "2027年2月2日" in refused.reasons[1]


def test_an_extension_reads_the_extension_limit():
    decision = electronic_monitoring_period(start=date(2027, 2, 2), requested_months=3, extension=True)
    assert decision.outcome == MonitoringPeriod(True, date(2027, 5, 2))
    assert [use.code for use in decision.parameters] == ["MONITORING_EXTENSION_MAX_MONTHS"]
    first = electronic_monitoring_period(start=date(2026, 11, 2), requested_months=3)
    assert [use.code for use in first.parameters] == ["MONITORING_MAX_MONTHS"]


def test_the_end_is_not_extended_by_a_holiday():
    assert electronic_monitoring_period(start=date(2026, 7, 4), requested_months=3).outcome.end == date(2026, 10, 4)


@pytest.mark.parametrize("months", [0, -1])
@pytest.mark.parametrize("extension", [False, True])
def test_a_period_needs_at_least_one_month(months, extension):
    decision = electronic_monitoring_period(start=date(2026, 11, 2), requested_months=months, extension=extension)
    assert decision.outcome == MonitoringPeriod(False, None)
    assert f"应为1至3个月（按月计算），申请的{months}个月不是有效期限" in decision.reasons[0]


def test_the_decision_records_the_version_it_used():
    ctx = Context(
        ParameterSet.defaults().with_versions({"MONITORING_MAX_MONTHS": [Version(2, date(2027, 1, 1), "测试版本")]}),
        shipped_calendar(),
    )
    before = electronic_monitoring_period(ctx, start=date(2026, 12, 31), requested_months=3)
    after = electronic_monitoring_period(ctx, start=date(2027, 1, 1), requested_months=3)
    assert before.outcome.allowed and not after.outcome.allowed
    assert (before.parameters[0].value, before.parameters[0].source) == (3, SHIPPED)
    assert (after.parameters[0].value, after.parameters[0].effective_from) == (2, date(2027, 1, 1))


@given(start=starts, months=st.integers(min_value=-3, max_value=24), extension=st.booleans())
def test_the_end_is_never_later_than_three_months_after_the_start(start, months, extension):
    decision = electronic_monitoring_period(start=start, requested_months=months, extension=extension)
    assert decision.outcome.allowed == (1 <= months <= 3)
    if decision.outcome.allowed:
        assert start < decision.outcome.end <= add_months(start, 3)
        assert decision.outcome.end == add_months(start, months)
    else:
        assert decision.outcome.end is None


# Device (实施办法第三十七条)

device_kinds = st.sampled_from(sorted(DEVICE_KINDS))
property_sets = st.sets(st.sampled_from(sorted(DEVICE_PROPERTIES)))


def test_a_phone_is_never_a_device_whatever_it_can_do():
    decision = electronic_monitoring_device(kind="mobile_phone", properties=set(DEVICE_PROPERTIES))
    assert decision.outcome is False
    assert decision.reasons == ("手机不是电子定位装置，不得作为电子定位装置使用",)
    assert decision.articles == ("实施办法第三十七条",)


def test_a_wristband_without_satellite_positioning_or_tamper_resistance_is_refused_naming_what_it_lacks():
    decision = electronic_monitoring_device(kind="wristband", properties={"blast_resistant", "water_resistant"})
    assert decision.outcome is False
    assert decision.reasons == ("缺少卫星定位、防拆除性能，不符合电子定位装置的条件",)
    assert decision.facts["missing"] == ("satellite_positioning", "tamper_resistant")


@pytest.mark.parametrize(("kind", "properties"), [("watch", set()), ("wristband", {"bluetooth"})])
def test_unknown_device_codes_are_rejected(kind, properties):
    with pytest.raises(ValueError):
        electronic_monitoring_device(kind=kind, properties=properties)


@given(kind=device_kinds, properties=property_sets)
def test_a_device_qualifies_exactly_when_it_is_no_phone_and_has_all_four_properties(kind, properties):
    decision = electronic_monitoring_device(kind=kind, properties=properties)
    assert decision.outcome == (kind != "mobile_phone" and properties == set(DEVICE_PROPERTIES))
    assert set(decision.facts["missing"]) == set(DEVICE_PROPERTIES) - properties
    assert decision.reasons  # a refusal or an acceptance always says why
    assert all(DEVICE_PROPERTIES[code] in "".join(decision.reasons) for code in decision.facts["missing"])


@given(kind=st.sampled_from(["wristband", "anklet"]), properties=property_sets, extra=property_sets)
def test_more_properties_never_turn_a_qualifying_device_into_a_refused_one(kind, properties, extra):
    if electronic_monitoring_device(kind=kind, properties=properties).outcome:
        assert electronic_monitoring_device(kind=kind, properties=properties | extra).outcome
