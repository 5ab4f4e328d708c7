"""Signing in: the password form (rate-limited by django-axes), the one-time link
``variorum demo`` prints, setting one's password, and personal API tokens."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from variorum.web import auth_backend
from variorum.web.models import TOKEN_DAYS, TOKEN_LIFETIMES, ApiToken, LoginLink, Scope


@require_http_methods(["GET", "POST"])
def one_time_login(request: HttpRequest, secret: str) -> HttpResponse:
    """A one-time link: GET shows whom it signs in, and only the POST of that page's
    form (with its CSRF token) signs in and uses the link up. Another site can link
    to the address but cannot post the form, so it cannot switch a signed-in browser
    to an account of its choosing (login CSRF)."""
    user = LoginLink.redeem(secret) if request.method == "POST" else LoginLink.peek(secret)
    if user is None:
        messages.error(request, "That sign-in link was already used or has expired.")
        return redirect("login")
    if request.method == "GET":  # the form posts back to this address, ?next= included
        response = render(request, "variorum_web/login_once.html", {"who": user})
        response["Cache-Control"] = "no-store"
        response["Referrer-Policy"] = "no-referrer"  # the address holds the secret
        return response
    login(request, user, backend=auth_backend.PATH)
    target = request.GET.get("next", "")
    local = target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts=None)
    return redirect(target if local else "projects")


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """List, make and revoke the user's personal API tokens."""
    shown = ""
    if request.method == "POST":
        revoke = request.POST.get("revoke", "")
        if revoke:
            revoked = (
                revoke.isdigit() and request.user.api_tokens.filter(pk=int(revoke)).delete()[0]
            )
            if revoked:
                messages.success(request, "Token revoked.")
            else:
                messages.error(request, "There is no such token.")
            return redirect("tokens")
        name = request.POST.get("name", "").strip()[:100] or "script"
        scope = request.POST.get("scope", Scope.READ)
        days = request.POST.get("days", "")
        if scope not in Scope.values or not days.isdigit() or int(days) not in TOKEN_LIFETIMES:
            messages.error(request, "Choose a scope and a lifetime from the lists.")
            return redirect("tokens")
        _, shown = ApiToken.issue(request.user, name, scope, int(days))
    context = {
        "tokens": request.user.api_tokens.order_by("-created"),
        "secret": shown,
        "scopes": Scope.choices,
        "lifetimes": TOKEN_LIFETIMES,
        "default_days": TOKEN_DAYS,
    }
    return render(request, "variorum_web/tokens.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def password(request: HttpRequest) -> HttpResponse:
    """Set a password (an account made with a one-time link has none yet) or change
    it (the current one asked first); the user stays signed in."""
    form_class = PasswordChangeForm if request.user.has_usable_password() else SetPasswordForm
    form = form_class(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        update_session_auth_hash(request, form.save())
        messages.success(request, "Your password is saved.")
        return redirect("projects")
    return render(request, "variorum_web/password.html", {"form": form})
