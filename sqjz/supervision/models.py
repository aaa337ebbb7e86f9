"""Supervision of people under correction (监督管理). Each sub-area keeps its records in its own package; Django
finds them here.

- checkins: phone-app check-ins (手机APP签到), their face matching, follow-up and spot checks
- travel: leave to travel out of the city or county (外出) and return reports (销假)
- monitoring: electronic monitoring (电子定位)
- medical: medical re-examinations of people on medical parole (保外就医)
"""

from sqjz.supervision.checkins.models import AppEnrolment, CheckIn, CheckInFollowUp, FaceReference, SpotCheck
from sqjz.supervision.medical.models import MedicalExamination
from sqjz.supervision.monitoring.models import (
    ElectronicMonitoring,
    FenceState,
    Geofence,
    MonitoringAlert,
    MonitoringDevice,
    MonitoringExtension,
    PositionFix,
)
from sqjz.supervision.travel.models import TravelLeave

__all__ = [
    "AppEnrolment",
    "CheckIn",
    "CheckInFollowUp",
    "ElectronicMonitoring",
    "FaceReference",
    "FenceState",
    "Geofence",
    "MedicalExamination",
    "MonitoringAlert",
    "MonitoringDevice",
    "MonitoringExtension",
    "PositionFix",
    "SpotCheck",
    "TravelLeave",
]
