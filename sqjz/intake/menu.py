from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("交付接收", "交付接收与入矫", "intake:list", Capability.CASEWORK_VIEW)
record_link("交付接收与入矫", "intake:page", 10)
