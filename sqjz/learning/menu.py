from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("教育帮扶", "网上学习", "learning:list", Capability.CASEWORK_VIEW, 3)
