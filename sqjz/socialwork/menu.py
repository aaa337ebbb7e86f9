from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

# A helper's own work, next to the workbench that lists the people due a visit.
register("工作台", "我的服务对象", "socialwork:mine", Capability.HELP_RECORD, 1)
register("工作台", "我的帮扶记录", "socialwork:records", Capability.HELP_RECORD, 2)
register("教育帮扶", "购买服务", "socialwork:contracts", Capability.CASEWORK_VIEW, 6)
record_link(
    "社工服务",
    "socialwork:person",
    57,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.CASEWORK_VIEW,),
)
