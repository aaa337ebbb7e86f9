"""Panels of the home page (工作台): an area adds a panel (a template and the context it needs) without the
workbench importing the area. Each panel's context function is called with the user and today and returns the
panel's context, or None for no panel; a panel should cost the page one query at most (tests/test_query_budgets.py)."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Panel:
    name: str
    template: str
    context: Callable[[object, date], dict | None]
    order: int = 0


PANELS: dict[str, Panel] = {}


def register_panel(name: str, template: str, context: Callable[[object, date], dict | None], order: int = 0) -> None:
    """Registering a name again replaces its panel (a module imported twice adds it once)."""
    PANELS[name] = Panel(name, template, context, order)


def panels_for(user, today: date) -> list[dict]:
    shown = []
    for panel in sorted(PANELS.values(), key=lambda p: (p.order, p.name)):
        context = panel.context(user, today)
        if context is not None:
            shown.append({"name": panel.name, "template": panel.template, "context": context})
    return shown
