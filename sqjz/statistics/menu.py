from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("统计报表", "统计报表", "statistics:index", Capability.STATISTICS_VIEW, 0)
