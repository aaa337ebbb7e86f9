from django.urls import path

from sqjz.socialwork import views

app_name = "socialwork"
urlpatterns = [
    path("mine/", views.mine_view, name="mine"),
    path("mine/record/", views.record_view, name="record"),
    path("mine/records/", views.records_view, name="records"),
    path("person/<int:pk>/", views.person_view, name="person"),
    path("contracts/", views.contract_list_view, name="contracts"),
    path("contracts/new/", views.contract_new_view, name="contract_new"),
    path("contracts/<int:pk>/", views.contract_view, name="contract"),
    path("contracts/<int:pk>/evaluate/", views.evaluate_view, name="evaluate"),
    path("contracts/<int:pk>/milestones/<int:milestone_id>/pay/", views.pay_view, name="pay"),
]
