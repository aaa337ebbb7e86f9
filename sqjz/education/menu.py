from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("教育帮扶", "教育学习", "education:list", Capability.CASEWORK_VIEW, 1)
register("教育帮扶", "公益活动", "education:services", Capability.CASEWORK_VIEW, 2)
register("教育帮扶", "我协助的公益活动", "education:helping", Capability.HELP_RECORD, 2)
record_link(
    "教育学习",
    "education:person",
    55,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.CASEWORK_VIEW,),
)
