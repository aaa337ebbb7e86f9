"""The figure registry: numbers kept per judicial office, so that a county's or a city's summary reads one stored row
per office instead of counting every person and every to-do of its area on each page (decision 0025).

An area declares a figure in its own `figures.py` (loaded at start-up, as duties are) with
`register_figure(Figure(...))`: its name, the labels of its numbers, how to compute them for a set of offices (one
grouped query, never one per office), and which of its offices need attention first. The figures part imports no
area; it stores what the figures compute (figures.services) and reads it back (figures.selectors).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Figure:
    """A set of numbers per office.

    `compute(offices, today)` returns, for the given office ids, {office id: {key: number}}; an office it leaves out
    has zero for every key. `keys` name the numbers in the order pages show them. `rank(values)` orders the offices
    on a summary, the highest first (e.g. those with most overdue to-dos)."""

    name: str
    label: str
    keys: tuple[str, ...]
    compute: Callable[[list[int], date], dict[int, dict[str, int]]]
    rank: Callable[[dict[str, int]], int]


FIGURES: dict[str, Figure] = {}


def register_figure(figure: Figure) -> Figure:
    if figure.name in FIGURES:
        raise ValueError(f"figure {figure.name} registered twice")
    FIGURES[figure.name] = figure
    return figure


def figures(names: list[str] | None = None) -> list[Figure]:
    return [f for name, f in sorted(FIGURES.items()) if names is None or name in names]


def get_figure(name: str) -> Figure:
    return FIGURES[name]
