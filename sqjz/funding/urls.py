from django.urls import path

from sqjz.funding import views

app_name = "funding"
urlpatterns = [
    path("", views.overview_view, name="overview"),
    path("agency/<int:pk>/", views.ledger_view, name="ledger"),
    path("agency/<int:pk>/entry/", views.entry_new_view, name="entry_new"),
    path("agency/<int:pk>/export/", views.export_view, name="export"),
    path("entry/<int:pk>/reverse/", views.reverse_view, name="reverse"),
]
