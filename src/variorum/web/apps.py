"""The Django application of the authoring web app."""

from django.apps import AppConfig


class WebConfig(AppConfig):
    """Variorum's models, views, templates and static files."""

    name = "variorum.web"
    label = "variorum_web"
    verbose_name = "Variorum"
    default_auto_field = "django.db.models.BigAutoField"
