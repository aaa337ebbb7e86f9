from django.urls import path

from sqjz.learning import views

app_name = "learning"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.new_view, name="new"),
    path("rule/", views.rule_view, name="rule"),
    path("<int:pk>/", views.course_view, name="course"),
    path("<int:pk>/assign/", views.assign_view, name="assign"),
    path("<int:pk>/file/", views.file_view, name="file"),
]
