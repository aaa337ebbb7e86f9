from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import Status
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("教育帮扶", "心理辅导", "counselling:list", Capability.COUNSELLING_RECORD, 3)
record_link(
    "心理辅导",
    "counselling:person",
    58,
    applies=lambda s: s.status != Status.PENDING_REPORT,
    capabilities=(Capability.COUNSELLING_RECORD,),
)
