"""Joins two migrations written at the same time (feed tokens, import jobs): neither
touches the other's tables."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("variorum_web", "0004_feed_tokens"),
        ("variorum_web", "0004_import_job"),
    ]

    operations: list[migrations.operations.base.Operation] = []
