from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("交付接收", "交付接收与入矫", "intake:list", Capability.CASEWORK_VIEW)
