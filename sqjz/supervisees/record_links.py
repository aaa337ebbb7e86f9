"""The work areas of one person's record: each area adds its page to the record's navigation from its own `menu.py`,
in the order of the paperwork, and says for whom of the people under correction it applies."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse


@dataclass(frozen=True)
class RecordLink:
    label: str
    url_name: str  # takes the person's id
    order: int
    applies: Callable | None = None  # given the person; None: everyone
    closed_label: str = ""  # the label once the record is closed, when it differs


LINKS: list[RecordLink] = []


def register(label: str, url_name: str, order: int, *, applies: Callable | None = None, closed_label: str = "") -> None:
    LINKS.append(RecordLink(label, url_name, order, applies, closed_label))


def links_for(s) -> list[tuple[str, str]]:
    return [
        (
            (link.closed_label if link.closed_label and not s.is_active else link.label),
            reverse(link.url_name, args=[s.pk]),
        )
        for link in sorted(LINKS, key=lambda link: link.order)
        if link.applies is None or link.applies(s)
    ]
