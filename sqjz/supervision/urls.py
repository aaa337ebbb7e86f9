from django.urls import path

from sqjz.supervision import views

app_name = "supervision"
urlpatterns = [
    path("travel/", views.travel_list_view, name="travel_list"),
    path("travel/<int:leave_id>/decision/", views.travel_decide_view, name="travel_decide"),
    path("travel/<int:leave_id>/return/", views.travel_return_view, name="travel_return"),
    path("travel/<int:leave_id>/evidence/", views.travel_evidence_view, name="travel_evidence"),
    path("travel/<int:leave_id>/withdraw/", views.travel_withdraw_view, name="travel_withdraw"),
    path("<int:pk>/travel/", views.travel_view, name="travel"),
    path("<int:pk>/travel/apply/", views.travel_apply_view, name="travel_apply"),
    path("checkins/", views.checkin_list_view, name="checkin_list"),
    path("<int:pk>/checkins/", views.checkins_view, name="checkins"),
    path("<int:pk>/checkins/enrol/", views.checkin_enrol_view, name="checkin_enrol"),
    path("<int:pk>/checkins/password/", views.checkin_password_view, name="checkin_password"),
    path("<int:pk>/checkins/spot-check/", views.spot_check_view, name="spot_check"),
    path("<int:pk>/checkins/follow-up/", views.checkin_follow_up_view, name="checkin_follow_up"),
    path("checkins/<int:checkin_id>/photo/", views.checkin_photo_view, name="checkin_photo"),
    path("<int:pk>/medical/", views.medical_view, name="medical"),
    path("<int:pk>/monitoring/", views.monitoring_view, name="monitoring"),
    path("<int:pk>/monitoring/propose/", views.monitoring_propose_view, name="monitoring_propose"),
    path("monitoring/<int:monitoring_id>/decision/", views.monitoring_decide_view, name="monitoring_decide"),
    path("monitoring/<int:monitoring_id>/extension/", views.monitoring_extend_view, name="monitoring_extend"),
    path("monitoring/<int:monitoring_id>/end/", views.monitoring_end_view, name="monitoring_end"),
]
