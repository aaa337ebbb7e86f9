from django.urls import path

from sqjz.oversight import views

app_name = "oversight"
urlpatterns = [
    path("", views.opinion_list_view, name="list"),
    path("new/", views.opinion_create_view, name="create"),
    path("documents/", views.ledger_view, name="ledger"),
    path("<int:pk>/", views.opinion_detail_view, name="detail"),
    path("<int:pk>/reply/", views.opinion_reply_view, name="reply"),
]
