"""``variorum manage purge_trash``: delete for good what has been in the trash longer
than ``TRASH_DAYS`` days. ``variorum serve`` and ``demo`` do it when they start; a
team server runs it daily (a cron line or a systemd timer, see docs/web.md)."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand

from variorum.web.store.projects import purge_trash


class Command(BaseCommand):
    help = (
        "Delete for good the projects and versions in the trash for longer than"
        " TRASH_DAYS days. Example: variorum manage purge_trash"
    )

    def handle(self, *args: Any, **options: Any) -> None:  # noqa: ARG002 (Django's signature)
        purged = purge_trash()
        self.stdout.write(
            f"Purged {purged} project(s) and version(s) in the trash for more than"
            f" {settings.TRASH_DAYS} days."
        )
