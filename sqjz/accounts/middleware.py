from django.shortcuts import redirect
from django.urls import reverse

from sqjz.accounts.services import totp_required


class TwoFactorRequiredMiddleware:
    """Users whose role requires two-factor login can do nothing else until they have set it up."""

    ALLOWED = ("accounts:totp_setup", "accounts:logout")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if user.is_authenticated and not user.totp_enabled and totp_required(user):
            allowed = {reverse(name) for name in self.ALLOWED}
            if request.path not in allowed and not request.path.startswith(("/static/", "/healthz")):
                return redirect("accounts:totp_setup")
        return self.get_response(request)
