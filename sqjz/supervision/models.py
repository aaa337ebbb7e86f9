"""Supervision of people under correction (监督管理). Each sub-area keeps its records in its own package; Django
finds them here.

- checkins: phone-app check-ins (手机APP签到), their face matching, follow-up and spot checks
- travel: leave to travel out of the city or county (外出) and return reports (销假)
- monitoring: electronic monitoring (电子定位)
- transfer: change of the place of execution (执行地变更)
- medical: medical re-examinations of people on medical parole (保外就医)
- places: approvals under a prohibition order to enter a place, contact a person or receive visitors (进入特定场所)
"""

from sqjz.supervision.checkins.models import (
    AppEnrolment,
    CheckIn,
    CheckInFollowUp,
    CheckInReminder,
    FaceReference,
    SpotCheck,
)
from sqjz.supervision.medical.models import MedicalExamination
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    FenceState,
    GatewayBatch,
    Geofence,
    MonitoringAlert,
    MonitoringDevice,
    MonitoringExtension,
    MonitoringGateway,
    PositionFix,
)
from sqjz.supervision.places.models import SpecialPlaceEntry
from sqjz.supervision.transfer.models import ResidenceTransfer
from sqjz.supervision.travel.models import FrequentTravelPermit, FrequentTravelTrip, TravelLeave

__all__ = [
    "AppEnrolment",
    "CheckIn",
    "CheckInFollowUp",
    "CheckInReminder",
    "ElectronicMonitoring",
    "FaceReference",
    "FenceState",
    "FrequentTravelPermit",
    "FrequentTravelTrip",
    "GatewayBatch",
    "Geofence",
    "MedicalExamination",
    "MonitoringAlert",
    "MonitoringDevice",
    "MonitoringExtension",
    "MonitoringGateway",
    "PositionFix",
    "ResidenceTransfer",
    "SpecialPlaceEntry",
    "SpotCheck",
    "TravelLeave",
]
