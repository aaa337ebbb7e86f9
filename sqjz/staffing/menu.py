from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("教育帮扶", "队伍配备", "staffing:index", Capability.CASEWORK_VIEW, 7)
