from django.urls import path

from sqjz.placement import views

app_name = "placement"
urlpatterns = [
    path("", views.list_view, name="list"),
    path("base/new/", views.base_new_view, name="base_new"),
    path("base/<int:pk>/", views.base_view, name="base"),
    path("base/<int:pk>/edit/", views.base_edit_view, name="base_edit"),
    path("base/<int:pk>/place/", views.place_view, name="place"),
    path("stay/<int:pk>/end/", views.end_view, name="end"),
    path("enterprises/", views.enterprises_view, name="enterprises"),
    path("enterprises/new/", views.enterprise_new_view, name="enterprise_new"),
    path("enterprises/<int:pk>/", views.enterprise_view, name="enterprise"),
    path("enterprises/<int:pk>/offer/", views.offer_new_view, name="offer_new"),
    path("offers/", views.offers_view, name="offers"),
    path("offers/<int:pk>/", views.offer_view, name="offer"),
    path("offers/<int:pk>/match/", views.match_view, name="match"),
    path("match/<int:pk>/decide/", views.decide_view, name="decide"),
]
