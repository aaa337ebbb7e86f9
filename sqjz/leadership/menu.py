from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("指挥中心", "领导小组和联席会议", "leadership:list", Capability.LEADERSHIP_MANAGE, 5)
