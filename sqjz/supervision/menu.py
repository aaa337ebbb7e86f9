from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("监督管理", "手机签到", "supervision:checkin_list", Capability.CASEWORK_VIEW, 1)
register("监督管理", "外出审批", "supervision:travel_list", Capability.CASEWORK_VIEW, 2)
