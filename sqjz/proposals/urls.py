from django.urls import path

from sqjz.proposals import views

app_name = "proposals"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("received/", views.received_view, name="received"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/draft/", views.draft_view, name="draft"),
    path("p/<int:pk>/", views.detail_view, name="detail"),
    path("p/<int:pk>/documents/<int:document_id>.<str:fmt>", views.document_view, name="document"),
    path("p/<int:pk>/edit/", views.edit_view, name="edit"),
    path("p/<int:pk>/withdraw/", views.withdraw_view, name="withdraw"),
    path("p/<int:pk>/submit/", views.submit_view, name="submit"),
    path("p/<int:pk>/send/", views.send_view, name="send"),
    path("p/<int:pk>/arrest/", views.arrest_view, name="arrest"),
    path("p/<int:pk>/decide/", views.decide_view, name="decide"),
    path("p/<int:pk>/correct/", views.correct_view, name="correct"),
]
