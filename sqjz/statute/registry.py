"""The rule registry: every rule under a stable code, with its articles, its plain-Chinese statement, the
parameters it reads and worked examples. The examples are data: the tests run them and the rule book page
shows them, so the page cannot drift from the code."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqjz.statute.calendar import Deadline, HolidayCalendar, shipped_calendar
from sqjz.statute.decision import Decision, ParameterUse
from sqjz.statute.parameters import ParameterSet


@dataclass(frozen=True)
class Context:
    """What a rule needs besides the facts: parameter versions and the holiday calendar."""

    parameters: ParameterSet
    calendar: HolidayCalendar

    @classmethod
    def default(cls) -> "Context":
        return cls(ParameterSet.defaults(), shipped_calendar())

    def use(self, code: str, on: date) -> ParameterUse:
        return self.parameters.use(code, on)


@dataclass(frozen=True)
class Example:
    title: str
    facts: dict[str, Any]
    expect: Any  # the outcome; for a Deadline, its due date


@dataclass(frozen=True)
class Rule:
    code: str
    title: str
    statement: str
    articles: tuple[str, ...]
    parameters: tuple[str, ...]
    examples: tuple[Example, ...]
    decide: Callable[..., Decision] = field(compare=False)
    do_not_call_in_templates = True  # templates show a rule; they must not try to apply it

    def __call__(self, ctx: Context | None = None, **facts) -> Decision:
        return self.decide(ctx or Context.default(), **facts)


RULES: dict[str, Rule] = {}


def rule(
    code: str,
    *,
    title: str,
    statement: str,
    articles: tuple[str, ...],
    parameters: tuple[str, ...] = (),
    examples: tuple[Example, ...] = (),
) -> Callable[[Callable[..., Decision]], Rule]:
    """Register `decide(ctx, **facts) -> Decision` under `code`."""

    def register(decide: Callable[..., Decision]) -> Rule:
        if code in RULES:
            raise ValueError(f"rule {code} registered twice")
        RULES[code] = Rule(code, title, statement, articles, parameters, examples, decide)
        return RULES[code]

    return register


def outcome_value(decision: Decision) -> Any:
    """What an example's `expect` is compared with."""
    return decision.outcome.due if isinstance(decision.outcome, Deadline) else decision.outcome


def all_rules() -> dict[str, Rule]:
    """Every registered rule (importing the rule modules registers them)."""
    from sqjz.statute import rules  # noqa: F401

    return RULES
