from django.urls import path

from sqjz.rulebook import views

app_name = "rulebook"
urlpatterns = [path("", views.rulebook_view, name="index")]
