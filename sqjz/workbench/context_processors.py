"""The page shell's parts that follow the user: the left navigation and the count of their own to-dos (only for users
who can be asked to act on some duty)."""

from sqjz.accounts.models import Role
from sqjz.workbench.navigation import navigation_for
from sqjz.workbench.selectors import can_act, my_item_count


def shell(request) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or user.role == Role.SUPERVISEE:
        return {}  # the person under correction has the phone pages' own menu
    context: dict = {"nav_groups": navigation_for(user, request.path)}
    if can_act(user):
        context["inbox_mine"] = getattr(request, "inbox_mine", None)
        if context["inbox_mine"] is None:
            context["inbox_mine"] = my_item_count(user)
    return context
