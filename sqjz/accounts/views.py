"""Login (password, then a TOTP code when enabled), logout, and the account-security page."""

import segno
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from sqjz.accounts import services
from sqjz.accounts.cookies import device_cookie_delete
from sqjz.accounts.forms import CodeForm, LoginForm, StyledPasswordChangeForm, TotpDisableForm
from sqjz.accounts.middleware import SIGNED_IN_AT
from sqjz.accounts.models import Role, User
from sqjz.core.http import client_ip

PENDING_USER = "pending_2fa_user"
PENDING_NEXT = "pending_2fa_next"
SETUP_SECRET = "totp_setup_secret"  # noqa: S105 - a session key name
BACKEND = "django.contrib.auth.backends.ModelBackend"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, {request.get_host()}, request.is_secure()):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


def _locked_message(user: User) -> str:
    """The account's own lock (wrong codes, or wrong passwords re-entered while signed in): shown only to someone who
    has just given the right password."""
    until = timezone.localtime(user.locked_until)
    limit = settings.LOGIN_FAILURE_LIMIT
    # Supervisees' accounts are kept by their judicial office (it unlocks them, and a new password unlocks too).
    unlock = "联系您所在的司法所" if user.role == Role.SUPERVISEE else "联系安全管理员解锁"
    return f"密码或动态口令连续输错{limit}次，账户已锁定，请于{until:%H:%M}后再试，或{unlock}。"


def _refused_message(refusal: services.SignInRefusal) -> str:
    """The same words whether or not the username names an account."""
    until = timezone.localtime(refusal.until)
    if refusal.address_wide:
        return f"本机登录失败次数过多，已暂停从本机登录，请于{until:%H:%M}后再试。"
    return (
        f"用户名或密码连续输错{settings.LOGIN_FAILURE_LIMIT}次，该用户名在本机已锁定，请于{until:%H:%M}后再试。"
        "工作人员可请安全管理员解锁，社区矫正对象可请所在司法所解锁。"
    )


def _wrong_message() -> str:
    return (
        f"用户名或密码不正确。同一用户名连续输错{settings.LOGIN_FAILURE_LIMIT}次，"
        f"将暂停从本机登录{settings.LOCKOUT_MINUTES}分钟。"
    )


def _sign_in(request: HttpRequest, user: User) -> None:
    services.login_succeeded(user)
    login(request, user, backend=BACKEND)
    request.session[SIGNED_IN_AT] = int(timezone.now().timestamp())


@sensitive_post_parameters("password")
def login_view(request: HttpRequest) -> HttpResponse:
    next_url = request.POST.get("next") or request.GET.get("next")
    form = LoginForm(request.POST or None)
    error = None
    if request.method == "POST" and form.is_valid():
        username, password = form.cleaned_data["username"], form.cleaned_data["password"]
        address = client_ip(request)
        # Known and unknown usernames take the same path: refused alike before any password is hashed, or hashed
        # alike (Django's backend hashes the password for an unknown username too) and counted alike.
        refusal = services.sign_in_refusal(username, address)
        if refusal:
            error = _refused_message(refusal)
        else:
            user = authenticate(request, username=username, password=password)
            if user is None:
                refusal = services.sign_in_failed(username, address)
                error = _refused_message(refusal) if refusal else _wrong_message()
            elif user.is_locked():
                error = _locked_message(user)
            else:
                services.sign_in_succeeded(user, address)
                if user.totp_enabled:
                    # The failure count is reset only once the code is right too: otherwise re-entering the
                    # password would allow guessing codes without end.
                    request.session[PENDING_USER] = user.pk
                    request.session[PENDING_NEXT] = next_url or ""
                    return redirect("accounts:login_code")
                _sign_in(request, user)
                return redirect(_safe_next(request, next_url))
    return render(request, "accounts/login.html", {"form": form, "error": error, "next": next_url or ""})


def login_code_view(request: HttpRequest) -> HttpResponse:
    user = User.objects.filter(pk=request.session.get(PENDING_USER), is_active=True).first()
    if user is None:
        return redirect("accounts:login")
    form = CodeForm(request.POST or None)
    error = None
    if user.is_locked():
        return _abandon_code_step(request, user)
    if request.method == "POST" and form.is_valid():
        if services.totp_verify(user, form.cleaned_data["code"]):
            next_url = request.session.pop(PENDING_NEXT, "")
            request.session.pop(PENDING_USER, None)
            _sign_in(request, user)
            return redirect(_safe_next(request, next_url))
        services.login_failed(user)
        if user.is_locked():  # that was the last allowed attempt
            return _abandon_code_step(request, user)
        error = "动态口令不正确或已使用，请输入验证器上当前显示的6位数字。"
    return render(request, "accounts/login_code.html", {"form": form, "error": error})


def _abandon_code_step(request: HttpRequest, user: User) -> HttpResponse:
    request.session.pop(PENDING_USER, None)
    request.session.pop(PENDING_NEXT, None)
    messages.error(request, _locked_message(user))
    return redirect("accounts:login")


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    """Signing out; on a bound phone it unbinds the phone too (decision 0022)."""
    cookie = request.COOKIES.get(services.DEVICE_COOKIE)
    if request.user.is_authenticated:
        session_device = request.session.get(services.DEVICE_SESSION_KEY)
        services.device_sign_out(user=request.user, session_credential_id=session_device, cookie=cookie)
    logout(request)
    messages.info(request, "您已安全退出。")
    response = redirect("accounts:login")
    if cookie is not None:
        device_cookie_delete(response)
    return response


@login_required
def security_view(request: HttpRequest) -> HttpResponse:
    context = {
        "totp_required": services.totp_required(request.user),
        "disable_form": TotpDisableForm(request.user),
        "crumbs": [("账户安全", None)],
    }
    return render(request, "accounts/security.html", context)


@login_required
def totp_setup_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if user.totp_enabled:
        return redirect("accounts:security")
    secret = request.session.get(SETUP_SECRET) or services.totp_new_secret()
    request.session[SETUP_SECRET] = secret
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.totp_enable(user, secret, form.cleaned_data["code"]):
            request.session.pop(SETUP_SECRET, None)
            messages.success(request, "已启用动态口令，今后登录时需输入验证器上的6位数字。")
            return redirect("accounts:security")
        form.add_error("code", "动态口令不正确，请确认手机时间准确后输入当前显示的6位数字。")
    uri = services.totp_provisioning_uri(user, secret)
    qr_svg = segno.make(uri, error="m").svg_inline(scale=5)
    context = {"form": form, "secret": secret, "qr_svg": qr_svg, "required": services.totp_required(user)}
    return render(request, "accounts/totp_setup.html", context)


def _locked_out(request: HttpRequest, user: User) -> HttpResponse:
    """Wrong answers while signed in locked the account: the session ends as well."""
    logout(request)
    messages.error(request, _locked_message(user))
    return redirect("accounts:login")


@login_required
@require_POST
def totp_disable_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    if services.totp_required(user):
        messages.error(request, "系统管理员、安全管理员和安全审计员必须使用动态口令，不能停用。")
        return redirect("accounts:security")
    form = TotpDisableForm(user, request.POST)
    if form.is_valid():
        services.totp_disable(user)
        services.login_succeeded(user)
        messages.success(request, "已停用动态口令。")
        return redirect("accounts:security")
    user.refresh_from_db(fields=["failed_logins", "locked_until"])
    if user.is_locked():
        return _locked_out(request, user)
    context = {"totp_required": False, "disable_form": form, "crumbs": [("账户安全", None)]}
    return render(request, "accounts/security.html", context, status=400)


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = StyledPasswordChangeForm
    extra_context = {"crumbs": [("账户安全", reverse_lazy("accounts:security")), ("修改密码", None)]}
    success_url = reverse_lazy("accounts:security")

    def form_valid(self, form):
        services.login_succeeded(self.request.user)
        services.device_revoke_all(user=self.request.user, actor=self.request.user, reason="本人修改密码")
        self.request.session.pop(services.DEVICE_SESSION_KEY, None)
        messages.success(self.request, "密码已修改。")
        response = super().form_valid(form)
        device_cookie_delete(response)
        return response

    def form_invalid(self, form):
        user = self.request.user
        user.refresh_from_db(fields=["failed_logins", "locked_until"])
        if user.is_locked():
            return _locked_out(self.request, user)
        return super().form_invalid(form)


def admin_login_view(request: HttpRequest) -> HttpResponse:
    """The admin's own login page is not used: signed-in users who are not administrators get 403,
    everyone else the common login page (lockout, two-factor)."""
    if request.user.is_authenticated:
        raise PermissionDenied
    return redirect(f"{reverse('accounts:login')}?{request.GET.urlencode()}")
