from django.urls import path

from sqjz.publicity import views

app_name = "publicity"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("new/", views.new_view, name="new"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/edit/", views.edit_view, name="edit"),
    path("<int:pk>/withdraw/", views.withdraw_view, name="withdraw"),
]
