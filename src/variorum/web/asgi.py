"""The ASGI application, for an ASGI server: ``uvicorn variorum.web.asgi:application``."""

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "variorum.web.settings")
application = get_asgi_application()
