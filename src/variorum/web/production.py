"""Production settings: a team server on the network, behind HTTPS.

Use with ``DJANGO_SETTINGS_MODULE=variorum.web.production``. Required environment:

- ``VARIORUM_SECRET_KEY``: a long random string, the same on every server process;
- ``VARIORUM_ALLOWED_HOSTS``: the host names served, comma separated;
- ``VARIORUM_DATABASE_URL``: ``postgres://user:password@host:5432/variorum``.

Static files are collected once (``variorum manage collectstatic``) and served by
WhiteNoise with hashed names and long cache lifetimes. ``docs/web.md`` gives the commands.
"""

from __future__ import annotations

from django.core.exceptions import ImproperlyConfigured

from variorum import settings
from variorum.web.settings import *  # noqa: F403  (production changes only what differs)
from variorum.web.settings import DATA_DIR


def _required(setting: settings.Setting) -> str:
    if not setting.is_set():
        raise ImproperlyConfigured(f"{setting.name} must be set for the production settings")
    return setting.text()


DEBUG = False
SECRET_KEY = _required(settings.SECRET_KEY)
ALLOWED_HOSTS = [host.strip() for host in _required(settings.ALLOWED_HOSTS).split(",")]
CSRF_TRUSTED_ORIGINS = [f"https://{host}" for host in ALLOWED_HOSTS if not host.startswith(".")]

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = settings.SSL_REDIRECT.switch()
SECURE_HSTS_SECONDS = 31536000
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

STATIC_ROOT = settings.STATIC_ROOT.text() or str(DATA_DIR / "static")
WHITENOISE_USE_FINDERS = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
