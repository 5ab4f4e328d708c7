"""The JSON API's addresses (``/api/...``): the W3C Web Annotation Protocol for
annotations, plus projects, versions and comparisons; see ``views/api.py``."""

from django.urls import path

from variorum.web.views import api, api_annotations, api_docs, api_feeds, api_projects

PROJECT = "projects/<slug:slug>/"
VERSION = PROJECT + "versions/<str:label>/"
ANNOTATION = PROJECT + "annotations/<uuid:uuid>/"

urlpatterns = [
    path("", api.root, name="api-root"),
    path("openapi.json", api_docs.openapi, name="api-openapi"),
    path("docs/", api_docs.docs, name="api-docs"),
    path("markdown/", api.markdown, name="api-markdown"),
    path("projects/", api_projects.projects, name="api-projects"),
    path(PROJECT, api_projects.project, name="api-project"),
    path(PROJECT + "versions/", api_projects.versions, name="api-versions"),
    path(VERSION, api_projects.version, name="api-version"),
    path(VERSION + "text", api_projects.text, name="api-version-text"),
    path(PROJECT + "compare/<str:old>/<str:new>/", api_projects.comparison, name="api-compare"),
    path(VERSION + "annotations/", api_annotations.container, name="api-container"),
    path(ANNOTATION, api_annotations.annotation, name="api-annotation"),
    path(ANNOTATION + "revisions/", api_annotations.revisions, name="api-revisions"),
    path(ANNOTATION + "confirm/", api_annotations.confirm, name="api-confirm"),
    path(ANNOTATION + "restore/", api_annotations.restore, name="api-restore"),
    path(PROJECT + "carry/", api_annotations.carry, name="api-carry"),
    path(PROJECT + "tags/", api_annotations.tags, name="api-tags"),
    path(PROJECT + "feed.atom", api_feeds.feed, name="api-feed"),
    path(
        PROJECT + "provisions/<str:provision>/feed.atom",
        api_feeds.provision_feed,
        name="api-provision-feed",
    ),
]
