from django.urls import path

from sqjz.enforcement import views

app_name = "enforcement"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("<int:pk>/", views.case_view, name="case"),
    path("<int:pk>/fact/", views.fact_view, name="fact"),
    path("<int:pk>/propose/", views.propose_view, name="propose"),
    path("<int:pk>/level/", views.level_propose_view, name="level_propose"),
    path("facts/<int:fact_id>/confirm/", views.merit_confirm_view, name="merit_confirm"),
    path("facts/<int:fact_id>/photo/<int:n>/", views.attachment_view, name="attachment"),
    path("measures/<int:measure_id>/decide/", views.decide_view, name="decide"),
    path("measures/<int:measure_id>/serve/", views.serve_view, name="serve"),
    path("measures/<int:measure_id>/correct/", views.correct_view, name="correct"),
    path("levels/<int:review_id>/decide/", views.level_decide_view, name="level_decide"),
]
