from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("统计报表", "考核评价", "appraisal:index", Capability.APPRAISAL_VIEW, 20)
register("统计报表", "办理质量", "appraisal:quality", Capability.APPRAISAL_VIEW, 21)
register("统计报表", "重新犯罪率", "appraisal:recidivism", Capability.APPRAISAL_VIEW, 22)
record_link(
    "重新犯罪",
    "appraisal:person",
    95,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.CASEWORK_VIEW,),
)
