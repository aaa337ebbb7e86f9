from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("安全稳定", "排查", "safety:list", Capability.CASEWORK_VIEW)
