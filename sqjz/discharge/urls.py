from django.urls import path

from sqjz.discharge import views

app_name = "discharge"
urlpatterns = [
    path("<int:pk>/", views.case_view, name="case"),
    path("<int:pk>/evaluation/", views.evaluation_view, name="evaluation"),
    path("<int:pk>/discharge/", views.discharge_view, name="discharge"),
    path("<int:pk>/termination/", views.termination_view, name="terminate"),
]
