from django.urls import path

from sqjz.intake import views

app_name = "intake"
urlpatterns = [
    path("", views.intake_list_view, name="list"),
    path("<int:pk>/", views.intake_view, name="page"),
    path("<int:pk>/photo/", views.photo_view, name="photo"),
    path("<int:pk>/documents/", views.documents_view, name="documents"),
    path("<int:pk>/receipt/", views.receipt_view, name="receipt"),
    path("<int:pk>/completion/", views.completion_view, name="completion"),
    path("<int:pk>/report-in/", views.report_in_view, name="report_in"),
    path("<int:pk>/no-show/", views.no_show_view, name="no_show"),
    path("<int:pk>/first-interview/", views.first_interview_view, name="first_interview"),
    path("<int:pk>/team/", views.team_add_view, name="team_add"),
    path("<int:pk>/team/<int:member_id>/remove/", views.team_remove_view, name="team_remove"),
    path("<int:pk>/responsibility-letter/", views.letter_view, name="letter"),
    path("<int:pk>/announcement/", views.announcement_view, name="announcement"),
    path("<int:pk>/plan/", views.plan_view, name="plan"),
]
