"""Feed addresses: a project's (or one provision's) Atom feed at an address that holds
its own token, for feed readers that cannot send an ``Authorization`` header.

    GET /feeds/vf_.../feed.atom      the feed, as the member who made the address
    /p/<slug>/feeds/                  a member's feed addresses: make one, revoke one

The token in the address (``models.FeedToken``) reads that one feed and nothing else:
it is no API token, no session, and opens no page. It stops working when revoked, when
its member leaves the project or loses the right to read it, or when the account is
deactivated. The address is shown once, when made (only its digest is kept), like an
API token.
"""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from variorum.web.models import FeedToken, ProjectRecord
from variorum.web.store import access
from variorum.web.store.access import Action, Forbidden
from variorum.web.views.api import ApiError, resource
from variorum.web.views.api_feeds import feed_response
from variorum.web.views.pages import project_view

LAST_USED_EVERY = timedelta(minutes=5)
"""How often an address's ``last_used`` is written (not on every poll of a reader)."""
UNKNOWN = "this feed address is unknown or was revoked"


def _read(request: HttpRequest, secret: str) -> HttpResponse:
    token = FeedToken.find(secret)
    if token is None or not token.user.is_active:
        raise ApiError(404, UNKNOWN)
    try:
        project = access.project_for(token.user, token.project.slug, Action.READ)
    except (Http404, Forbidden):
        raise ApiError(404, UNKNOWN) from None
    now = timezone.now()
    if token.last_used is None or now - token.last_used > LAST_USED_EVERY:
        FeedToken.objects.filter(pk=token.pk).update(last_used=now)
    return feed_response(project, token.provision, request)


feed = resource(public=True, GET=_read)


@project_view(Action.READ)
@require_http_methods(["GET", "POST"])
def addresses(request: HttpRequest, project: ProjectRecord) -> HttpResponse:
    """The member's feed addresses of ``project``: list, make (POST ``provision``,
    empty for the whole document) and revoke (POST ``revoke``)."""
    shown = ""
    mine = project.feed_tokens.filter(user=request.user)
    if request.method == "POST":
        revoke = request.POST.get("revoke", "")
        if revoke:
            if revoke.isdigit() and mine.filter(pk=int(revoke)).delete()[0]:
                messages.success(request, "Feed address revoked.")
            else:
                messages.error(request, "There is no such feed address.")
            return redirect("feed-addresses", project.slug)
        provision = request.POST.get("provision", "").strip()[:200]
        _, secret = FeedToken.issue(request.user, project, provision)
        shown = request.build_absolute_uri(reverse("feed-by-token", args=[secret]))
    context = {"project": project, "addresses": mine.order_by("-created"), "shown": shown}
    return render(request, "variorum_web/feed_addresses.html", context)
