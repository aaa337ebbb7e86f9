from django.urls import path

from sqjz.audit import views

app_name = "audit"
urlpatterns = [path("", views.access_log_list_view, name="list")]
