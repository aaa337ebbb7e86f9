from django.urls import path

from sqjz.leadership import views

app_name = "leadership"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.new_view, name="new"),
    path("<int:pk>/", views.meeting_view, name="meeting"),
    path("<int:pk>/print/", views.print_view, name="print"),
    path("<int:pk>/task/", views.task_add_view, name="task_add"),
    path("task/<int:pk>/done/", views.task_done_view, name="task_done"),
]
