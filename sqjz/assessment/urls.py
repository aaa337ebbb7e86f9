from django.urls import path

from sqjz.assessment import views

app_name = "assessment"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("ratings/", views.ratings_view, name="ratings"),
    path("ratings/<int:pk>/", views.rating_view, name="rating"),
    path("<int:pk>/", views.case_view, name="case"),
    path("<int:pk>/record/", views.record_view, name="record"),
    path("<int:pk>/contest/", views.contest_view, name="contest"),
]
