from django.urls import path

from sqjz.mobile import views

app_name = "mobile"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("checkin/", views.checkin_view, name="checkin"),
    path("travel/", views.travel_view, name="travel"),
    path("transfer/", views.transfer_view, name="transfer"),
    path("places/", views.places_view, name="places"),
    path("trips/", views.trips_view, name="trips"),
    path("education/", views.education_view, name="education"),
    path("learning/", views.learning_view, name="learning"),
    path("learning/<int:pk>/", views.learning_course_view, name="learning_course"),
    path("reports/", views.reports_view, name="reports"),
    path("changes/", views.changes_view, name="changes"),
    path("health/", views.health_view, name="health"),
    path("return/", views.return_view, name="return_report"),
    path("account/", views.account_view, name="account"),
    path("sw.js", views.service_worker_view, name="service_worker"),
    path("account/password/", views.password_view, name="password_change"),
    path("device/bind/", views.device_bind_view, name="device_bind"),
    path("account/devices/<int:device_id>/unbind/", views.device_unbind_view, name="device_unbind"),
]
