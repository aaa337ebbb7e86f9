from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("教育帮扶", "我的帮教对象", "mentoring:mine", Capability.MENTORING_VISIT, 0)
register("教育帮扶", "511帮教统计", "mentoring:report", Capability.CASEWORK_VIEW, 5)
record_link(
    "511帮教",
    "mentoring:person",
    57,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.CASEWORK_VIEW, Capability.MENTORING_VISIT),
)
