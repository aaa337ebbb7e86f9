from django.urls import path

from bare.views import checkin

urlpatterns = [path("api/app/checkins", checkin)]
