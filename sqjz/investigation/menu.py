from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("调查评估", "调查评估", "investigation:list", Capability.INVESTIGATION_VIEW)
