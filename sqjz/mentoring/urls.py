from django.urls import path

from sqjz.mentoring import views

app_name = "mentoring"
urlpatterns = [
    path("", views.mine_view, name="mine"),
    path("report/", views.report_view, name="report"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/occasion/", views.trigger_new_view, name="trigger_new"),
    path("person/<int:pk>/visit/", views.visit_view, name="visit"),
    path("person/<int:pk>/changes/<int:report_id>/read/", views.change_read_view, name="change_read"),
    path("occasion/<int:pk>/", views.trigger_view, name="trigger"),
    path("change/<int:pk>/", views.change_view, name="change"),
]
