from django.urls import path

from sqjz.investigation import views

app_name = "investigation"
urlpatterns = [
    path("", views.investigation_list_view, name="list"),
    path("new/", views.investigation_create_view, name="create"),
    path("<int:pk>/", views.investigation_detail_view, name="detail"),
    path("<int:pk>/interviews/", views.interview_add_view, name="interview_add"),
    path("<int:pk>/findings/", views.findings_save_view, name="findings"),
    path("<int:pk>/decision/", views.decide_view, name="decide"),
    path("<int:pk>/delivery/", views.deliver_view, name="deliver"),
    path("<int:pk>/adoption/", views.adoption_view, name="adoption"),
]
