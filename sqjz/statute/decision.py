from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Decision:
    """The outcome of a rule with its evidence: the rule's stable code, the articles, and the facts used."""

    rule: str
    outcome: Any
    articles: tuple[str, ...]
    reasons: tuple[str, ...] = field(default=())
