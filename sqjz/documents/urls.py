from django.urls import path

from sqjz.documents import views

app_name = "documents"
urlpatterns = [path("<int:pk>.<str:fmt>", views.document_download_view, name="download")]
