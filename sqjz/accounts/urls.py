from django.urls import path

from sqjz.accounts import views

app_name = "accounts"
urlpatterns = [
    path("login/", views.login_view, name="login"),
    path("login/code/", views.login_code_view, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
    path("security/", views.security_view, name="security"),
    path("security/totp/", views.totp_setup_view, name="totp_setup"),
    path("security/totp/disable/", views.totp_disable_view, name="totp_disable"),
    path("security/password/", views.PasswordChangeView.as_view(), name="password_change"),
]
