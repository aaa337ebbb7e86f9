from sqjz.accounts.permissions import Capability
from sqjz.supervisees.record_links import register as record_link
from sqjz.workbench.navigation import register

register("监督管理", "失联查找", "lostcontact:list", Capability.CASEWORK_VIEW, 3)
record_link("失联查找", "lostcontact:person", 45, capabilities=(Capability.CASEWORK_VIEW,))
