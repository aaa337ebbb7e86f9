from django.urls import path

from sqjz.counselling import views

app_name = "counselling"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/assessment/", views.assessment_view, name="assessment"),
    path("person/<int:pk>/crisis/", views.crisis_open_view, name="crisis_open"),
    path("person/<int:pk>/session/", views.session_view, name="session"),
    path("crisis/<int:pk>/", views.case_view, name="case"),
    path("crisis/<int:pk>/close/", views.case_close_view, name="case_close"),
]
