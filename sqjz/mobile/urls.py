from django.urls import path

from sqjz.mobile import views

app_name = "mobile"
urlpatterns = [
    path("", views.home_view, name="home"),
    path("checkin/", views.checkin_view, name="checkin"),
    path("travel/", views.travel_view, name="travel"),
]
