from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("考核奖惩", "季度考核", "assessment:list", Capability.CASEWORK_VIEW)
