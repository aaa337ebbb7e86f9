from django.urls import path

from sqjz.outbox import views

app_name = "outbox"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/retry/", views.retry_view, name="retry"),
    path("endpoints/", views.endpoints_view, name="endpoints"),
    path("endpoints/<int:unit_id>/", views.endpoint_view, name="endpoint"),
]
