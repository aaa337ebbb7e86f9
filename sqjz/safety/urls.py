from django.urls import path

from sqjz.safety import views

app_name = "safety"
urlpatterns = [
    path("", views.campaign_list_view, name="list"),
    path("new/", views.campaign_create_view, name="create"),
    path("<int:pk>/", views.campaign_view, name="campaign"),
    path("<int:pk>/screen/<int:supervisee_id>/", views.screening_view, name="screening"),
]
