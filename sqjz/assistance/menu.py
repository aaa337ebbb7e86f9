from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("教育帮扶", "帮扶个案", "assistance:list", Capability.CASEWORK_VIEW, 3)
register("教育帮扶", "我的帮扶个案", "assistance:mine", Capability.ASSISTANCE_RECORD, 4)
register("教育帮扶", "帮扶覆盖情况", "assistance:coverage", Capability.CASEWORK_VIEW, 4)
record_link(
    "帮扶",
    "assistance:person",
    56,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.CASEWORK_VIEW, Capability.ASSISTANCE_RECORD),
)
