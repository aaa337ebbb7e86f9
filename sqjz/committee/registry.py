"""The kinds of matter areas submit to the review committee (社区矫正审核委员会).

An area declares its kinds in code, in its own `committee_kinds.py` (loaded at start-up), with
`register(MatterKind(code, label, on_resolved))`. Whether a kind needs collective deliberation now, and at which
level (county or city), is configuration the administrator keeps (`DeliberationSetting`, admin site), seeded by a
data migration; a registered kind without a setting needs no deliberation. The committee imports no area: it calls
the kind's `on_resolved(matter)` in the transaction that records the resolution, so that the area can move on.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class MatterKind:
    """A kind of matter: its stable code (≤ 40 characters), the label officers read, and what to do when a
    resolution is recorded (given the Matter, inside the recording transaction; raise to refuse)."""

    code: str
    label: str
    on_resolved: Callable[[Any], None] | None = None


KINDS: dict[str, MatterKind] = {}


def register(kind: MatterKind) -> MatterKind:
    """Register a kind; registering a different kind under a code already taken is a programming error."""
    if len(kind.code) > 40:
        raise ValueError(f"matter kind {kind.code} is longer than 40 characters")
    existing = KINDS.get(kind.code)
    if existing is not None and existing != kind:
        raise ValueError(f"matter kind {kind.code} registered twice")
    KINDS[kind.code] = kind
    return kind


def unregister(code: str) -> None:
    """Remove a kind (for tests that register their own)."""
    KINDS.pop(code, None)


def matter_kind(code: str) -> MatterKind | None:
    return KINDS.get(code)


def kind_label(code: str) -> str:
    kind = KINDS.get(code)
    return kind.label if kind else code


def kind_choices() -> list[tuple[str, str]]:
    return [(k.code, k.label) for k in KINDS.values()]
