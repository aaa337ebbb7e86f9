from sqjz.publicity import selectors
from sqjz.workbench.navigation import register
from sqjz.workbench.panels import register_panel

register("工作台", "通知公告", "publicity:list", None, 1)


def _home_panel(user, today) -> dict | None:
    posts = selectors.home_posts(user, today)
    return {"posts": posts} if posts else None


register_panel("publicity", "publicity/_home_panel.html", _home_panel, order=10)
