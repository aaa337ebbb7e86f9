from django.urls import path

from sqjz.command import views

app_name = "command"
urlpatterns = [
    path("", views.screen_view, name="screen"),
    path("live/", views.live_view, name="live"),
]
