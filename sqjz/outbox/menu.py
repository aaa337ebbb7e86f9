from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("指挥中心", "对外推送", "outbox:list", Capability.EXCHANGE_VIEW, 5)
register("系统管理", "对接接口", "outbox:endpoints", Capability.SYSTEM_CONFIGURE, 5)
