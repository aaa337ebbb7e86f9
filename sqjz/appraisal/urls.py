from django.urls import path

from sqjz.appraisal import views

app_name = "appraisal"
urlpatterns = [
    path("", views.index_view, name="index"),
    path("quality/", views.quality_view, name="quality"),
    path("quality/items/", views.quality_items_view, name="quality_items"),
    path("recidivism/", views.recidivism_view, name="recidivism"),
    path("recidivism/figure/", views.figure_view, name="figure"),
    path("settings/", views.settings_view, name="settings"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("person/<int:pk>/reoffence/", views.reoffence_view, name="reoffence"),
]
