from sqjz.accounts.permissions import Capability
from sqjz.workbench.navigation import register

register("教育帮扶", "安置基地", "placement:list", Capability.CASEWORK_VIEW, 5)
register("教育帮扶", "帮扶企业", "placement:enterprises", Capability.CASEWORK_VIEW, 5)
register("教育帮扶", "企业帮扶项目", "placement:offers", Capability.CASEWORK_VIEW, 5)
