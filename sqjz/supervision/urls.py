from django.urls import path

from sqjz.supervision.checkins import views as checkins
from sqjz.supervision.medical import views as medical
from sqjz.supervision.monitoring import views as monitoring
from sqjz.supervision.travel import views as travel

app_name = "supervision"
urlpatterns = [
    path("travel/", travel.travel_list_view, name="travel_list"),
    path("travel/<int:leave_id>/decision/", travel.travel_decide_view, name="travel_decide"),
    path("travel/<int:leave_id>/return/", travel.travel_return_view, name="travel_return"),
    path("travel/<int:leave_id>/evidence/", travel.travel_evidence_view, name="travel_evidence"),
    path("travel/<int:leave_id>/withdraw/", travel.travel_withdraw_view, name="travel_withdraw"),
    path("<int:pk>/travel/", travel.travel_view, name="travel"),
    path("<int:pk>/travel/apply/", travel.travel_apply_view, name="travel_apply"),
    path("checkins/", checkins.checkin_list_view, name="checkin_list"),
    path("<int:pk>/checkins/", checkins.checkins_view, name="checkins"),
    path("<int:pk>/checkins/enrol/", checkins.checkin_enrol_view, name="checkin_enrol"),
    path("<int:pk>/checkins/password/", checkins.checkin_password_view, name="checkin_password"),
    path("<int:pk>/checkins/unlock/", checkins.checkin_unlock_view, name="checkin_unlock"),
    path(
        "<int:pk>/checkins/devices/<int:device_id>/revoke/",
        checkins.checkin_device_revoke_view,
        name="checkin_device_revoke",
    ),
    path("<int:pk>/checkins/spot-check/", checkins.spot_check_view, name="spot_check"),
    path("<int:pk>/checkins/follow-up/", checkins.checkin_follow_up_view, name="checkin_follow_up"),
    path("checkins/<int:checkin_id>/photo/", checkins.checkin_photo_view, name="checkin_photo"),
    path("<int:pk>/checkins/<int:checkin_id>/review/", checkins.checkin_review_view, name="checkin_review"),
    path("<int:pk>/medical/", medical.medical_view, name="medical"),
    path("<int:pk>/monitoring/", monitoring.monitoring_view, name="monitoring"),
    path("<int:pk>/monitoring/propose/", monitoring.monitoring_propose_view, name="monitoring_propose"),
    path("monitoring/<int:monitoring_id>/decision/", monitoring.monitoring_decide_view, name="monitoring_decide"),
    path("monitoring/<int:monitoring_id>/extension/", monitoring.monitoring_extend_view, name="monitoring_extend"),
    path("monitoring/<int:monitoring_id>/end/", monitoring.monitoring_end_view, name="monitoring_end"),
    path("monitoring/", monitoring.monitoring_list_view, name="monitoring_list"),
    path("<int:pk>/monitoring/zones/", monitoring.monitoring_zone_add_view, name="monitoring_zone_add"),
    path(
        "monitoring/zones/<int:zone_id>/remove/", monitoring.monitoring_zone_remove_view, name="monitoring_zone_remove"
    ),
    path(
        "monitoring/alerts/<int:alert_id>/acknowledge/",
        monitoring.monitoring_alert_acknowledge_view,
        name="monitoring_alert_acknowledge",
    ),
    path(
        "monitoring/alerts/<int:alert_id>/verify/",
        monitoring.monitoring_alert_verify_view,
        name="monitoring_alert_verify",
    ),
    path(
        "monitoring/alerts/<int:alert_id>/close/", monitoring.monitoring_alert_close_view, name="monitoring_alert_close"
    ),
]
