from django.urls import path

from sqjz.lostcontact import views

app_name = "lostcontact"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/", views.person_view, name="person"),
    path("<int:pk>/open/", views.open_view, name="open"),
    path("<int:pk>/attempt/", views.attempt_view, name="attempt"),
    path("<int:pk>/notify/", views.notify_view, name="notify"),
    path("<int:pk>/refusal/", views.refusal_view, name="refusal"),
    path("<int:pk>/close/", views.close_view, name="close"),
]
