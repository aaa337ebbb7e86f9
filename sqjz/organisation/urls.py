from django.urls import path

from sqjz.organisation import views

app_name = "organisation"
urlpatterns = [path("mine/", views.my_unit_view, name="mine")]
