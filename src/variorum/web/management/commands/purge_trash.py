"""``variorum manage purge_trash``: delete for good what has been in the trash longer
than ``TRASH_DAYS`` days, and the records of imports ended over
``VARIORUM_IMPORT_KEPT_DAYS`` ago (ending first the imports a stopped server left).
``variorum serve`` and ``demo`` do it when they start; a team server runs it daily (a
cron line or a systemd timer, see docs/web.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from variorum.web.store import imports
from variorum.web.store.projects import purge_trash


class Command(BaseCommand):
    help = (
        "Delete for good the projects and versions in the trash for longer than"
        " TRASH_DAYS days, and the records of imports ended over VARIORUM_IMPORT_KEPT_DAYS"
        " days ago. Example: variorum manage purge_trash"
    )

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002 (Django's signature)
        stopped, records = imports.tidy()
        purged = purge_trash()
        self.stdout.write(
            f"Purged {purged} project(s) and version(s) in the trash for more than"
            f" {settings.TRASH_DAYS} days, and {records} import record(s) older than"
            f" {settings.VARIORUM_IMPORT_KEPT_DAYS:g} days; ended {stopped} import(s)"
            " stopped with their server."
        )
