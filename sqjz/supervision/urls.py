from django.urls import path

from sqjz.supervision import views

app_name = "supervision"
urlpatterns = [path("<int:pk>/medical/", views.medical_view, name="medical")]
