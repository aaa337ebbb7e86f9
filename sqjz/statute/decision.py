from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ParameterUse:
    """Which version of a parameter a decision used, so a later change does not rewrite history."""

    code: str
    value: Any
    effective_from: date
    source: str


@dataclass(frozen=True)
class Decision:
    """The outcome of a rule with its evidence: the rule's stable code, the articles, the reasons in
    Chinese, the facts it used and the parameter versions it read."""

    rule: str
    outcome: Any
    articles: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=())
    facts: dict[str, Any] = field(default_factory=dict)
    parameters: tuple[ParameterUse, ...] = field(default=())

    def explain(self) -> str:
        return "；".join(self.reasons)
