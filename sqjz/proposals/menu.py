from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("考核奖惩", "提请建议", "proposals:list", Capability.CASEWORK_VIEW, 20)
register("工作台", "待处理的建议", "proposals:received", Capability.PROPOSAL_DECIDE, 30)
record_link("提请", "proposals:person", 66)
