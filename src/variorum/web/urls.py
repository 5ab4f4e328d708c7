"""The app's addresses: pages under ``/``, the JSON API under ``/api/``."""

from django.contrib.auth import views as auth_views
from django.urls import include, path

from variorum.web.views import auth, feed_addresses, imports, pages, redline

urlpatterns = [
    # first: the API's addresses, the most requested (containers), are found without
    # trying every page's pattern before them
    path("api/", include("variorum.web.api_urls")),
    path("", pages.project_list, name="projects"),
    path("import/", imports.import_project, name="import"),
    path("import/<uuid:job>/", imports.import_progress, name="import-progress"),
    path(
        "login/",
        auth_views.LoginView.as_view(template_name="variorum_web/login.html"),
        name="login",
    ),
    path("login/once/<str:secret>/", auth.one_time_login, name="login-once"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("tokens/", auth.tokens, name="tokens"),
    path("password/", auth.password, name="password"),
    path("p/<slug:slug>/", pages.project_detail, name="project"),
    path("p/<slug:slug>/edit/", pages.project_edit, name="project-edit"),
    path("p/<slug:slug>/delete/", pages.project_delete, name="project-delete"),
    path("p/<slug:slug>/restore/", pages.project_restore, name="project-restore"),
    path("p/<slug:slug>/members/", pages.member_set, name="members"),
    path("p/<slug:slug>/versions/", pages.version_upload, name="version-upload"),
    path("p/<slug:slug>/versions/order/", pages.version_reorder, name="version-reorder"),
    path("p/<slug:slug>/versions/restore/<int:pk>/", pages.version_restore, name="version-restore"),
    path("p/<slug:slug>/v/<str:label>/edit/", pages.version_edit, name="version-edit"),
    path("p/<slug:slug>/v/<str:label>/delete/", pages.version_delete, name="version-delete"),
    path("p/<slug:slug>/v/<str:label>/", redline.version_text, name="version-text"),
    path("p/<slug:slug>/compare/", redline.compare_choice, name="compare-choice"),
    path("p/<slug:slug>/compare/<str:old>/<str:new>/", redline.redline, name="redline"),
    path(
        "p/<slug:slug>/compare/<str:old>/<str:new>/redline.docx",
        redline.redline_docx,
        name="redline-docx",
    ),
    path(
        "p/<slug:slug>/compare/<str:old>/<str:new>/redline.pdf",
        redline.redline_pdf,
        name="redline-pdf",
    ),
    path("p/<slug:slug>/feeds/", feed_addresses.addresses, name="feed-addresses"),
    path("feeds/<str:secret>/feed.atom", feed_addresses.feed, name="feed-by-token"),
    path("p/<slug:slug>/export/", pages.export, name="export"),
    path("p/<slug:slug>/publish/site/", pages.publish_site, name="publish-site"),
    path("p/<slug:slug>/publish/file/", pages.publish_single, name="publish-file"),
    path("p/<slug:slug>/publish/analysis.docx", pages.publish_docx, name="publish-docx"),
    path("p/<slug:slug>/publish/analysis.pdf", pages.publish_pdf, name="publish-pdf"),
    path("favicon.ico", pages.favicon, name="favicon"),
]

handler404 = "variorum.web.views.api.not_found"  # JSON under /api/, the usual page elsewhere
handler500 = "variorum.web.views.errors.server_error"  # a busy database: 503, Retry-After
