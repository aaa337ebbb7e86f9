from django.urls import path

from sqjz.exchange import views

app_name = "exchange"
urlpatterns = [
    path("credentials/", views.credential_list_view, name="credentials"),
    path("credentials/create/", views.credential_create_view, name="credential_create"),
    path("credentials/<int:pk>/deactivate/", views.credential_deactivate_view, name="credential_deactivate"),
    path("messages/", views.message_list_view, name="messages"),
    path("messages/<int:pk>/", views.message_detail_view, name="message"),
    path("judgments/new/", views.judgment_new_view, name="judgment_new"),
    path("commissions/new/", views.commission_new_view, name="commission_new"),
    path("detentions/new/", views.detention_new_view, name="detention_new"),
]
