"""The left navigation: the officer's areas in the order of their work, only those the role may use."""

from django.urls import reverse

from sqjz.accounts.permissions import Capability, has_capability
from sqjz.inbox.selectors import inbox_items

# (group title, [(label, url name, capability or None for every signed-in staff user)])
NAVIGATION = [
    ("工作台", [("工作台", "core:home", None)]),
    (
        "矫正对象",
        [
            ("矫正对象名册", "supervisees:list", Capability.SUPERVISEE_VIEW),
            ("登记冲突核查", "supervisees:conflicts", Capability.REGISTRATION_CONFLICT_HANDLE),
        ],
    ),
    ("调查评估", [("调查评估", "investigation:list", Capability.INVESTIGATION_VIEW)]),
    ("交付接收", [("交付接收与入矫", "intake:list", Capability.SUPERVISEE_VIEW)]),
    (
        "监督管理",
        [
            ("手机签到", "supervision:checkin_list", Capability.SUPERVISEE_VIEW),
            ("外出审批", "supervision:travel_list", Capability.SUPERVISEE_VIEW),
        ],
    ),
    ("考核奖惩", [("季度考核", "assessment:list", Capability.SUPERVISEE_VIEW)]),
    ("安全稳定", [("排查", "safety:list", Capability.SUPERVISEE_VIEW)]),
    ("检察监督", [("纠正意见和检察建议", "oversight:list", Capability.OVERSIGHT_VIEW)]),
    (
        "系统管理",
        [
            ("本单位", "organisation:mine", Capability.ORGANISATION_VIEW),
            ("法律规则", "rulebook:index", Capability.RULEBOOK_VIEW),
            ("访问日志", "audit:list", Capability.AUDIT_VIEW),
            ("后台管理", "admin:index", Capability.ADMIN_SITE),
            ("账户安全", "accounts:security", None),
        ],
    ),
]


def navigation(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    groups = []
    for title, items in NAVIGATION:
        links = [
            {"label": label, "url": reverse(name), "active": request.path == reverse(name)}
            for label, name, capability in items
            if capability is None or has_capability(user, capability)
        ]
        if links:
            groups.append({"title": title, "links": links})
    context = {"nav_groups": groups}
    if has_capability(user, Capability.SUPERVISEE_VIEW):
        context["inbox_open"] = inbox_items(user).count()
    return context


def cleared_drafts(request) -> dict:
    """Draft keys a successful save made obsolete (see core.views.clear_draft); shown once."""
    session = getattr(request, "session", None)
    if session is None or "cleared_drafts" not in session:
        return {}
    return {"cleared_drafts": session.pop("cleared_drafts")}


def clear_draft(request, key: str) -> None:
    """Tell the next page the browser may drop the form draft saved under `key`."""
    request.session["cleared_drafts"] = [*request.session.get("cleared_drafts", []), key]
