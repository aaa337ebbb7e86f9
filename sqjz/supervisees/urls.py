from django.urls import path

from sqjz.supervisees import views

app_name = "supervisees"
urlpatterns = [
    path("", views.supervisee_list_view, name="list"),
    path("new/", views.supervisee_create_view, name="create"),
    path("export/", views.supervisee_export_view, name="export"),
    path("conflicts/", views.registration_conflict_list_view, name="conflicts"),
    path("conflicts/<int:pk>/resolve/", views.registration_conflict_resolve_view, name="conflict_resolve"),
    path("<int:pk>/", views.supervisee_detail_view, name="detail"),
    path("<int:pk>/edit/", views.supervisee_edit_view, name="edit"),
    path("<int:pk>/assignments/", views.assignments_view, name="assignments"),
    path("<int:pk>/assignments/<int:assignment_id>/end/", views.assignment_end_view, name="assignment_end"),
]
