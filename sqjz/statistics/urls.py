from django.urls import path

from sqjz.statistics import views

app_name = "statistics"
urlpatterns = [
    path("", views.index, name="index"),
    path("export/", views.export, name="export"),
]
