"""The shared parts' entries in the left navigation (areas add theirs in their own `menu.py`)."""

from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("工作台", "工作台", "workbench:home", None)
register("矫正对象", "矫正对象名册", "supervisees:list", Capability.SUPERVISEE_VIEW)
register("系统管理", "本单位", "organisation:mine", Capability.ORGANISATION_VIEW, 1)
register("系统管理", "法律规则", "rulebook:index", Capability.RULEBOOK_VIEW, 2)
register("系统管理", "访问日志", "audit:list", Capability.AUDIT_VIEW, 3)
register("系统管理", "后台管理", "admin:index", Capability.ADMIN_SITE, 4)
register("系统管理", "账户安全", "accounts:security", None, 5)
register("矫正对象", "登记冲突核查", "supervisees:conflicts", Capability.REGISTRATION_CONFLICT_HANDLE, 2)
