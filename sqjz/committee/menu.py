from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("考核奖惩", "审核委员会", "committee:index", Capability.COMMITTEE_VIEW, order=10)
record_link("审核委员会", "committee:case", 65)
