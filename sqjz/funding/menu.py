from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("统计报表", "经费保障", "funding:overview", Capability.FUNDING_MANAGE, 30)
