from django.urls import path

from sqjz.committee import views

app_name = "committee"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("members/", views.members_view, name="members"),
    path("members/<int:member_id>/end/", views.member_end_view, name="member_end"),
    path("person/<int:pk>/", views.case_view, name="case"),
    path("person/<int:pk>/submit/", views.submit_view, name="submit"),
    path("matters/<int:pk>/", views.matter_view, name="matter"),
    path("matters/<int:pk>/withdraw/", views.withdraw_view, name="withdraw"),
    path("meetings/new/", views.meeting_new_view, name="meeting_new"),
    path("meetings/<int:pk>/", views.meeting_view, name="meeting"),
    path("meetings/<int:pk>/minutes/", views.minutes_view, name="minutes"),
    path("meetings/<int:pk>/attendance/", views.attendance_view, name="attendance"),
    path("meetings/<int:pk>/matters/<int:matter_id>/", views.deliberate_view, name="deliberate"),
]
