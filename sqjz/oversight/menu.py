from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("检察监督", "纠正意见和检察建议", "oversight:list", Capability.OVERSIGHT_VIEW)
register("检察监督", "法律文书台账", "oversight:ledger", Capability.OVERSIGHT_VIEW)
