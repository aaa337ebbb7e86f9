from django.urls import path

from sqjz.supervision.checkins import views as checkins
from sqjz.supervision.medical import views as medical
from sqjz.supervision.monitoring import views as monitoring
from sqjz.supervision.places import views as places
from sqjz.supervision.transfer import views as transfer
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
    path("<int:pk>/travel/permit/", travel.travel_permit_apply_view, name="travel_permit_apply"),
    path("travel/permits/<int:permit_id>/decision/", travel.travel_permit_decide_view, name="travel_permit_decide"),
    path("travel/permits/<int:permit_id>/trips/", travel.travel_trip_report_view, name="travel_trip_report"),
    path("places/", places.place_list_view, name="place_list"),
    path("places/<int:entry_id>/decision/", places.place_decide_view, name="place_decide"),
    path("places/<int:entry_id>/withdraw/", places.place_withdraw_view, name="place_withdraw"),
    path("<int:pk>/places/", places.places_view, name="places"),
    path("<int:pk>/places/apply/", places.place_apply_view, name="place_apply"),
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
    path("<int:pk>/medical/health/<int:report_id>/read/", medical.health_read_view, name="health_read"),
    path("<int:pk>/monitoring/", monitoring.monitoring_view, name="monitoring"),
    path("<int:pk>/monitoring/propose/", monitoring.monitoring_propose_view, name="monitoring_propose"),
    path("monitoring/<int:monitoring_id>/decision/", monitoring.monitoring_decide_view, name="monitoring_decide"),
    path("monitoring/<int:monitoring_id>/extension/", monitoring.monitoring_extend_view, name="monitoring_extend"),
    path("monitoring/<int:monitoring_id>/end/", monitoring.monitoring_end_view, name="monitoring_end"),
    path(
        "monitoring/<int:monitoring_id>/device/",
        monitoring.monitoring_device_assign_view,
        name="monitoring_device_assign",
    ),
    path("monitoring/devices/", monitoring.device_list_view, name="device_list"),
    path("monitoring/devices/register/", monitoring.device_register_view, name="device_register"),
    path("monitoring/devices/<int:device_id>/", monitoring.device_view, name="device"),
    path("monitoring/devices/<int:device_id>/status/", monitoring.device_status_view, name="device_status"),
    path("monitoring/devices/<int:device_id>/return/", monitoring.device_return_view, name="device_return"),
    path("monitoring/gateways/", monitoring.gateway_list_view, name="gateway_list"),
    path("monitoring/gateways/create/", monitoring.gateway_create_view, name="gateway_create"),
    path(
        "monitoring/gateways/<int:gateway_id>/deactivate/",
        monitoring.gateway_deactivate_view,
        name="gateway_deactivate",
    ),
    path("transfers/", transfer.transfer_list_view, name="transfer_list"),
    path("transfers/<int:transfer_id>/", transfer.transfer_detail_view, name="transfer_detail"),
    path("transfers/<int:transfer_id>/consult/", transfer.transfer_consult_view, name="transfer_consult"),
    path("transfers/<int:transfer_id>/reply/", transfer.transfer_reply_view, name="transfer_reply"),
    path("transfers/<int:transfer_id>/decision/", transfer.transfer_decide_view, name="transfer_decide"),
    path("transfers/<int:transfer_id>/notified/", transfer.transfer_notify_view, name="transfer_notify"),
    path("transfers/<int:transfer_id>/complete/", transfer.transfer_complete_view, name="transfer_complete"),
    path("transfers/<int:transfer_id>/withdraw/", transfer.transfer_withdraw_view, name="transfer_withdraw"),
    path("transfers/<int:transfer_id>/proof/<int:n>/", transfer.transfer_proof_view, name="transfer_proof"),
    path("transfers/<int:transfer_id>/notice.<str:fmt>", transfer.transfer_notice_view, name="transfer_notice"),
    path("<int:pk>/transfer/", transfer.transfer_view, name="transfer"),
    path("<int:pk>/transfer/apply/", transfer.transfer_apply_view, name="transfer_apply"),
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
