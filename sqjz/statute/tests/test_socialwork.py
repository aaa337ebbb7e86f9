"""Social work (SOCIAL_WORK_NON_ENFORCEMENT, HELP_CONTACT_DUE). Pure rules: no database. The worked examples run in
test_registry.py; here are the properties."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sqjz.statute.registry import Context
from sqjz.statute.rules.socialwork import ENFORCEMENT_TASKS, HELP_TASKS, help_contact_due, social_work_non_enforcement

CTX = Context.default()
days = st.dates(min_value=date(2021, 1, 1), max_value=date(2028, 12, 31))


@given(st.sampled_from(sorted(HELP_TASKS)))
def test_every_kind_of_help_is_open_to_social_workers_and_volunteers(task):
    decision = social_work_non_enforcement(CTX, task=task)
    assert decision.outcome is True and "非执法类工作" in decision.reasons[-1]
    assert "社区矫正法第四十条" in decision.articles


@given(st.sampled_from(sorted(ENFORCEMENT_TASKS)))
def test_no_enforcement_task_is_open_to_them(task):
    decision = social_work_non_enforcement(CTX, task=task)
    assert decision.outcome is False and decision.articles == ("社区矫正法第十条",)
    assert "执法职责" in decision.reasons[-1]


def test_the_kinds_of_help_and_the_enforcement_tasks_do_not_overlap():
    assert not set(HELP_TASKS) & set(ENFORCEMENT_TASKS)
    with pytest.raises(ValueError):
        social_work_non_enforcement(CTX, task="arrest")


@given(days, st.one_of(st.none(), st.integers(min_value=0, max_value=400)))
def test_help_is_due_a_fixed_interval_after_the_last_help_or_else_the_assignment(assigned_on, later):
    last = assigned_on + timedelta(days=later) if later is not None else None
    decision = help_contact_due(CTX, last_help=last, assigned_on=assigned_on)
    assert decision.outcome == (last or assigned_on) + timedelta(days=30)
    assert decision.parameters[0].code == "HELP_CONTACT_DAYS"
    # Help given later never brings the next one forward.
    if last is not None:
        sooner = help_contact_due(CTX, last_help=last - timedelta(days=1), assigned_on=assigned_on).outcome
        assert sooner < decision.outcome
