"""The WSGI application, for any WSGI server: ``waitress-serve variorum.web.wsgi:application``."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "variorum.web.settings")
application = get_wsgi_application()
