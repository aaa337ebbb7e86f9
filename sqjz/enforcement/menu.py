from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("考核奖惩", "奖惩决定", "enforcement:list", Capability.CASEWORK_VIEW)
record_link("奖惩", "enforcement:case", 65)
