"""Personal API tokens get a scope (read, or read and write) and an expiry; tokens
made before keep writing and expire 90 days after the upgrade."""

from django.db import migrations, models

import variorum.web.models


class Migration(migrations.Migration):
    dependencies = [
        ("variorum_web", "0002_carried_once"),
    ]

    operations = [
        migrations.AddField(
            model_name="apitoken",
            name="scope",
            field=models.CharField(
                choices=[("read", "Read (GET only)"), ("write", "Read and write")],
                default="write",
                max_length=10,
            ),
        ),
        migrations.AddField(
            model_name="apitoken",
            name="expires",
            field=models.DateTimeField(default=variorum.web.models.token_expiry),
        ),
    ]
