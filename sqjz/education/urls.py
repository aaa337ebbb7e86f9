from django.urls import path

from sqjz.education import views

app_name = "education"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.new_view, name="new"),
    path("<int:pk>/", views.session_view, name="session"),
    path("<int:pk>/enrol/", views.enrol_view, name="enrol"),
    path("<int:pk>/roll-call/", views.roll_call_view, name="roll_call"),
    path("<int:pk>/checkin-attendance/", views.checkin_attendance_view, name="checkin_attendance"),
    path("service/", views.service_list_view, name="services"),
    path("service/new/", views.service_new_view, name="service_new"),
    path("service/<int:pk>/", views.service_view, name="service"),
    path("service/<int:pk>/enrol/", views.service_enrol_view, name="service_enrol"),
    path("service/<int:pk>/roll-call/", views.service_roll_call_view, name="service_roll_call"),
    path("service/<int:pk>/helpers/", views.service_helpers_view, name="service_helpers"),
    path("helping/", views.helping_view, name="helping"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/individual/", views.individual_view, name="individual"),
    path("person/<int:pk>/reports/<int:report_id>/read/", views.report_read_view, name="report_read"),
]
