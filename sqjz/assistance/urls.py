from django.urls import path

from sqjz.assistance import views

app_name = "assistance"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("mine/", views.mine_view, name="mine"),
    path("coverage/", views.coverage_view, name="coverage"),
    path("case/<int:pk>/", views.case_view, name="case"),
    path("case/<int:pk>/step/", views.step_view, name="step"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/assess/", views.assess_view, name="assess"),
    path("person/<int:pk>/open/", views.open_view, name="open"),
]
