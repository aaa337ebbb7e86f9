"""The work areas of one person's record: each area adds its page to the record's navigation from its own `menu.py`,
in the order of the paperwork, and says for whom of the people under correction it applies."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse

from sqjz.accounts.permissions import has_capability


@dataclass(frozen=True)
class RecordLink:
    label: str
    url_name: str  # takes the person's id
    order: int
    applies: Callable | None = None  # given the person; None: everyone
    closed_label: str = ""  # the label once the record is closed, when it differs
    capabilities: tuple[str, ...] = ()  # what the page asks of the user beyond seeing the record: any one of them


LINKS: list[RecordLink] = []


def register(
    label: str,
    url_name: str,
    order: int,
    *,
    applies: Callable | None = None,
    closed_label: str = "",
    capabilities: tuple[str, ...] = (),
) -> None:
    LINKS.append(RecordLink(label, url_name, order, applies, closed_label, capabilities))


def links_for(s, user) -> list[tuple[str, str]]:
    """The links of `s`'s record that `user` (who may see the record) may open."""
    return [
        (
            (link.closed_label if link.closed_label and not s.is_active else link.label),
            reverse(link.url_name, args=[s.pk]),
        )
        for link in sorted(LINKS, key=lambda link: link.order)
        if (link.applies is None or link.applies(s))
        and (not link.capabilities or any(has_capability(user, c) for c in link.capabilities))
    ]
