from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("考核奖惩", "季度考核", "assessment:list", Capability.CASEWORK_VIEW)
register("考核奖惩", "社区评议", "assessment:ratings", Capability.COMMUNITY_RATE, 1)
record_link("季度考核", "assessment:case", 60)
