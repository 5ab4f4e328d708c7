"""Atom feeds of a project's changes in the API: a watch on the document, or on one
provision, for a feed reader or a script.

    GET /api/projects/<slug>/feed.atom                         every version's changes
    GET /api/projects/<slug>/provisions/<provision>/feed.atom  one provision's

As everywhere under ``/api/``, the caller is a member signed in or sends a personal
API token (``Authorization: Bearer vt_...``); a read token is enough. A feed reader
that cannot send that header reads the same feed at a feed address instead
(``views.feed_addresses``). The provision
is named by its label or some of its words in the newest version (``7``, ``Data
retention``), as ``variorum provision`` takes it. The feed is made in a worker
process and kept until the versions or the notes change: 202 with ``Retry-After``
until it is ready; every address of the same feed (this one, each member's feed
addresses) shares that one making, the address written in as the feed is sent.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from variorum.history.feed import atom
from variorum.web.history_render import Feed
from variorum.web.jobs import Done
from variorum.web.models import ProjectRecord
from variorum.web.store.access import Action
from variorum.web.store.timelines import feed_state
from variorum.web.views.api import ApiError, project_of, resource
from variorum.web.views.api_projects import unfinished

ATOM = "application/atom+xml; charset=utf-8"


def _feed(request: HttpRequest, slug: str, provision: str = "") -> HttpResponse:
    return feed_response(project_of(request, slug, Action.READ), provision, request)


def feed_response(project: ProjectRecord, provision: str, request: HttpRequest) -> HttpResponse:
    """The Atom feed of ``project`` (of one provision, if given) at the request's address;
    ApiError if it has none."""
    if project.live_versions().count() < 2:
        raise ApiError(409, "this project has fewer than two versions: it has no changes yet")
    state = feed_state(project, provision)
    if not isinstance(state, Done):
        return unfinished(state, "making this feed")
    feed: Feed = state.value
    if feed.refusal or feed.body is None:
        raise ApiError(404, feed.refusal)
    return HttpResponse(atom(feed.body, request.build_absolute_uri()), content_type=ATOM)


feed = resource(GET=_feed)
provision_feed = resource(GET=_feed)
