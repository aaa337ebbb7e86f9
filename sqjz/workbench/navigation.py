"""The left navigation: groups in the order of the officers' work (../shared/ui.md); each area adds its own entries
from its `menu.py`, with the capability a user needs to see them. A group with no entry the user may use is not
shown."""

from dataclasses import dataclass

from django.urls import reverse

from sqjz.accounts.permissions import has_capability

GROUPS = (
    "工作台",
    "矫正对象",
    "调查评估",
    "交付接收",
    "监督管理",
    "考核奖惩",
    "教育帮扶",
    "安全稳定",
    "检察监督",
    "指挥中心",
    "统计报表",
    "系统管理",
)


@dataclass(frozen=True)
class Entry:
    group: str
    label: str
    url_name: str
    capability: str | None  # None: every signed-in staff user
    order: int = 0


ENTRIES: list[Entry] = []


def register(group: str, label: str, url_name: str, capability: str | None, order: int = 0) -> None:
    if group not in GROUPS:
        raise ValueError(f"unknown navigation group {group!r}")
    ENTRIES.append(Entry(group, label, url_name, capability, order))


def navigation_for(user, path: str) -> list[dict]:
    groups = []
    for title in GROUPS:
        entries = sorted((e for e in ENTRIES if e.group == title), key=lambda e: e.order)
        links = []
        for e in entries:
            if e.capability is None or has_capability(user, e.capability):
                url = reverse(e.url_name)
                links.append({"label": e.label, "url": url, "active": path == url})
        if links:
            groups.append({"title": title, "links": links})
    return groups
