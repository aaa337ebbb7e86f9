from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("指挥中心", "指挥中心", "command:screen", Capability.COMMAND_VIEW, 0)
