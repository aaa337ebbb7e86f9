from django.urls import path

from sqjz.staffing import views

app_name = "staffing"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("office/<int:pk>/", views.villages_view, name="villages"),
    path("office/<int:pk>/specialists/", views.register_view, name="register"),
    path("office/<int:pk>/specialists/<int:specialist_id>/end/", views.end_view, name="end"),
]
