from sqjz.accounts.permissions import Capability
from sqjz.supervisees.models import CorrectionType
from sqjz.supervisees.record_links import register as record_link
from sqjz.supervision.medical.duties import on_medical_parole
from sqjz.supervision.places.duties import has_place_or_contact_order
from sqjz.workbench.navigation import register

register("监督管理", "手机签到", "supervision:checkin_list", Capability.CASEWORK_VIEW, 1)
register("监督管理", "外出审批", "supervision:travel_list", Capability.CASEWORK_VIEW, 2)
register("监督管理", "电子定位监控", "supervision:monitoring_list", Capability.CASEWORK_VIEW, 3)
register("监督管理", "电子定位装置", "supervision:device_list", Capability.CASEWORK_VIEW, 4)
register("监督管理", "定位网关", "supervision:gateway_list", Capability.MONITORING_GATEWAYS, 5)
register("监督管理", "进入特定场所审批", "supervision:place_list", Capability.CASEWORK_VIEW, 6)
register("监督管理", "执行地变更", "supervision:transfer_list", Capability.CASEWORK_VIEW, 7)
record_link("手机签到", "supervision:checkins", 20)
record_link("外出审批", "supervision:travel", 30)
record_link("执行地变更", "supervision:transfer", 35)
record_link("电子定位", "supervision:monitoring", 40)
record_link("进入特定场所", "supervision:places", 45, applies=has_place_or_contact_order)
record_link("病情复查", "supervision:medical", 50, applies=on_medical_parole)
record_link(
    "身体情况报告",
    "supervision:medical",
    50,
    applies=lambda s: s.correction_type == CorrectionType.TEMPORARY_RELEASE and not on_medical_parole(s),
)
