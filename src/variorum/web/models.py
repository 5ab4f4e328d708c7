"""What the web app stores: projects and their members, versions, annotations with
every revision, API tokens and one-time sign-in links.

A stored project, version or annotation is a ``...Record``: the library has its own
``Project`` (a folder), ``Version`` and ``Annotation`` (a W3C value), and the code that
moves one into the other (``store/``) names both without an alias.

A version keeps the file exactly as uploaded (its bytes and format); its Document is
made from those bytes when needed, by the library's ingesters. An annotation keeps
its W3C JSON-LD, the form the library reads and writes, with the columns a listing
filters on (version, status, tags) beside it. Deleting a project or a version moves
it to the trash (``deleted_at``) for ``settings.TRASH_DAYS`` days.
"""

from __future__ import annotations

import hashlib
import secrets
import uuid
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils import timezone


class MemberRole(models.TextChoices):
    """What a member may do in a project."""

    OWNER = "owner", "Owner"  # everything, members and deletion included
    EDITOR = "editor", "Editor"  # versions and annotations
    VIEWER = "viewer", "Viewer"  # reading only


class LiveManager(models.Manager["Any"]):
    """Rows not in the trash."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return super().get_queryset().filter(deleted_at__isnull=True)


class ProjectRecord(models.Model):
    """An analysis: versions of one document and the annotations on them."""

    slug = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=300)
    authors = models.JSONField(default=list, blank=True)
    introduction = models.TextField(blank=True)
    collection_id = models.CharField(max_length=200, default="", blank=True)
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    objects = models.Manager()
    live = LiveManager()

    class Meta:
        db_table = "variorum_web_project"  # the table of its first name, kept
        verbose_name = "project"
        ordering = ["-modified"]

    def __str__(self) -> str:
        return self.title

    def role_of(self, user: Any) -> str | None:
        """The user's role here, or None for a stranger (or anonymous)."""
        if not user.is_authenticated:
            return None
        return self.memberships.filter(user=user).values_list("role", flat=True).first()

    def live_versions(self) -> models.QuerySet[VersionRecord]:
        """The versions not in the trash, in the project's order. Their files (``content``,
        up to 50 MB each) are read only when used: most pages need only the labels."""
        live = self.versions.filter(deleted_at__isnull=True).defer("content")
        return live.order_by("position", "id")


class Membership(models.Model):
    """A user's role in a project."""

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=10, choices=MemberRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["project", "user"], name="one_role_per_member")
        ]


class VersionRecord(models.Model):
    """One version of the document, as uploaded."""

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="versions")
    label = models.CharField(max_length=80)
    position = models.PositiveIntegerField(default=0)
    date = models.CharField(max_length=10, blank=True)  # ISO 8601 day, or empty
    source = models.CharField(max_length=500, blank=True)
    filename = models.CharField(max_length=255)
    format = models.CharField(max_length=20)
    content = models.BinaryField()
    sha256 = models.CharField(max_length=64)
    created = models.DateTimeField(auto_now_add=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "variorum_web_version"
        verbose_name = "version"
        ordering = ["position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "label"],
                condition=models.Q(deleted_at__isnull=True),
                name="unique_live_label",
            )
        ]

    def __str__(self) -> str:
        return self.label


class Status(models.TextChoices):
    """Whether an annotation is visible to viewers and published."""

    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"


class AnnotationRecord(models.Model):
    """A W3C Web Annotation on one version (or on a change between two)."""

    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="annotations")
    version = models.ForeignKey(VersionRecord, on_delete=models.CASCADE, related_name="annotations")
    """Its container: the version it targets (for a change, the newer one)."""
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    iri = models.CharField(max_length=300, db_index=True)
    """The annotation's id in its JSON-LD (``urn:uuid:...`` unless imported)."""
    data = models.JSONField()
    """The W3C JSON-LD, target sources written as version labels."""
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    tags = models.JSONField(default=list, blank=True)
    revision = models.PositiveIntegerField(default=1)
    """Incremented on every save: the ETag of the annotation."""
    carried = models.CharField(max_length=10, blank=True)
    """``intact``, ``changed``, ``moved``, ``deleted`` or ``orphaned`` when carried from
    an earlier version and not yet confirmed by an analyst; empty otherwise. A deleted
    or orphaned copy keeps the earlier version's target until it is attached again."""
    carried_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="carried_to"
    )
    """The annotation of the earlier version this one was carried from."""
    creator = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created = models.DateTimeField(auto_now_add=True)
    modified = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "variorum_web_annotation"
        verbose_name = "annotation"
        ordering = ["created", "id"]
        constraints = [
            models.UniqueConstraint(fields=["project", "iri"], name="one_iri_per_project"),
            # two carries running at once must not copy a note twice to one version
            models.UniqueConstraint(fields=["carried_from", "version"], name="carried_once"),
        ]

    @property
    def quote(self) -> str:
        """The words annotated (of the newer side, for a change)."""
        targets = self.data.get("target", [])
        for target in reversed(targets if isinstance(targets, list) else [targets]):
            selectors = target.get("selector", []) if isinstance(target, dict) else []
            for selector in selectors if isinstance(selectors, list) else [selectors]:
                if isinstance(selector, dict) and selector.get("type") == "TextQuoteSelector":
                    return str(selector.get("exact", ""))
        return ""

    @property
    def etag(self) -> str:
        """The strong ETag of the current revision."""
        return f'"{self.uuid.hex}-{self.revision}"'


class Revision(models.Model):
    """One saved state of an annotation; every save adds one, none is ever changed."""

    annotation = models.ForeignKey(
        AnnotationRecord, on_delete=models.CASCADE, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    data = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    saved = models.DateTimeField(default=timezone.now)
    deleted = models.BooleanField(default=False)
    """This revision is the annotation's deletion."""

    class Meta:
        ordering = ["annotation", "number"]
        constraints = [
            models.UniqueConstraint(fields=["annotation", "number"], name="one_revision_number")
        ]


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class Scope(models.TextChoices):
    """What a personal API token may do: no token manages tokens, passwords or
    members, whatever its scope, since tokens are accepted only under ``/api/``."""

    READ = "read", "Read (GET only)"
    WRITE = "write", "Read and write"


TOKEN_DAYS = 90
"""A token's default lifetime in days; the tokens page offers ``TOKEN_LIFETIMES``."""
TOKEN_LIFETIMES = (7, 30, 90, 365)


def token_expiry() -> Any:
    """When a token made now expires by default (existing tokens got it on upgrade)."""
    return timezone.now() + timedelta(days=TOKEN_DAYS)


class ApiToken(models.Model):
    """A personal token for scripts: ``Authorization: Bearer vt_...``. Only its
    SHA-256 digest is stored; the token itself is shown once, when made."""

    PREFIX = "vt_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(max_length=100)
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)
    scope = models.CharField(max_length=10, choices=Scope.choices, default=Scope.WRITE)
    expires = models.DateTimeField(default=token_expiry)
    """After this the token is refused (401), as if revoked."""

    @classmethod
    def issue(
        cls, user: Any, name: str, scope: str = "write", days: int = TOKEN_DAYS
    ) -> tuple[ApiToken, str]:
        """A new token for ``user`` with ``scope``, valid ``days`` days: the stored row,
        and the secret to show once."""
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        expires = timezone.now() + timedelta(days=days)
        row = cls.objects.create(
            user=user, name=name, digest=_digest(secret), scope=scope, expires=expires
        )
        return row, secret

    @classmethod
    def find(cls, secret: str) -> ApiToken | None:
        """The token whose secret this is, or None."""
        if not secret.startswith(cls.PREFIX):
            return None
        return cls.objects.select_related("user").filter(digest=_digest(secret)).first()

    @property
    def expired(self) -> bool:
        """Whether the token's lifetime is over."""
        return self.expires <= timezone.now()


class FeedToken(models.Model):
    """The secret of a feed address, ``/feeds/vf_.../feed.atom``: it reads one project's
    Atom feed (or one provision's) as its user, for a feed reader that cannot send an
    ``Authorization`` header, and nothing else (no page, no other feed, no API); it
    stops working when revoked or when its user may no longer read the project. Only
    its SHA-256 digest is stored; the address is shown once, when made."""

    PREFIX = "vf_"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="feed_tokens"
    )
    project = models.ForeignKey(ProjectRecord, on_delete=models.CASCADE, related_name="feed_tokens")
    provision = models.CharField(max_length=200, blank=True)
    """The provision watched (its label or words, as the API's provision feed takes
    it); empty for the whole document."""
    digest = models.CharField(max_length=64, unique=True)
    created = models.DateTimeField(auto_now_add=True)
    last_used = models.DateTimeField(null=True, blank=True)

    @classmethod
    def issue(cls, user: Any, project: ProjectRecord, provision: str = "") -> tuple[FeedToken, str]:
        """A new feed address's token: the stored row, and the secret to show once."""
        secret = cls.PREFIX + secrets.token_urlsafe(32)
        row = cls.objects.create(
            user=user, project=project, provision=provision, digest=_digest(secret)
        )
        return row, secret

    @classmethod
    def find(cls, secret: str) -> FeedToken | None:
        """The feed token whose secret this is, or None."""
        if not secret.startswith(cls.PREFIX):
            return None
        return cls.objects.select_related("user", "project").filter(digest=_digest(secret)).first()


class LoginLink(models.Model):
    """A one-time sign-in link, as ``variorum demo`` prints: used once, then gone."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    digest = models.CharField(max_length=64, unique=True)
    expires = models.DateTimeField()

    @classmethod
    def issue(cls, user: Any, lifetime: timedelta) -> str:
        """A new link's secret, valid for ``lifetime``."""
        secret = secrets.token_urlsafe(32)
        cls.objects.create(user=user, digest=_digest(secret), expires=timezone.now() + lifetime)
        return secret

    @classmethod
    def peek(cls, secret: str) -> Any | None:
        """The user a valid link signs in, leaving it unused; None for an unknown or
        old one."""
        link = cls.objects.select_related("user").filter(digest=_digest(secret)).first()
        return link.user if link is not None and link.expires > timezone.now() else None

    @classmethod
    def redeem(cls, secret: str) -> Any | None:
        """The user of a valid link, which is used up; None for an unknown or old one.
        Of two requests using the same link at once, only the one whose delete removed
        the row signs in."""
        link = cls.objects.select_related("user").filter(digest=_digest(secret)).first()
        if link is None:
            return None
        used, _ = cls.objects.filter(pk=link.pk).delete()
        return link.user if used and link.expires > timezone.now() else None


class ImportJob(models.Model):
    """A project folder's import, done in the background: what it is doing now and how
    it ended, read by its progress page (in any server process)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(max_length=255)
    """The uploaded file's name."""
    step = models.CharField(max_length=20, default="waiting")
    """``waiting`` (for a worker), ``reading``, ``versions``, ``annotations``, ``history``,
    then ``done`` or ``failed``."""
    done = models.PositiveIntegerField(default=0)
    of = models.PositiveIntegerField(default=0)
    """How far the step is: ``done`` of ``of`` (versions or annotations stored)."""
    message = models.TextField(blank=True)
    """Why it failed, in one sentence naming the file."""
    project = models.ForeignKey(
        ProjectRecord, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    started = models.DateTimeField(auto_now_add=True)
    changed = models.DateTimeField(auto_now=True)
    runner = models.CharField(max_length=300, blank=True)
    """The process running it: its machine's name, process id and start time
    (``store.imports.this_process``); a silent import's is looked for before it is
    taken as stopped."""


class UserSession(AbstractBaseSession):
    """A browser's session (Django's database session, ``web.session_store``) with the
    id of the user signed in beside its data, so that a request reads its session and
    its user in one query, as Django documents for extending its database sessions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.CASCADE, related_name="+"
    )
    """The user signed in (a deleted account's sessions go with it); None if none."""

    @classmethod
    def get_session_store_class(cls) -> Any:
        """The store that decodes ``session_data`` (``get_decoded``): Django's, whose
        encoding the app's store (``web.session_store``) keeps."""
        return DatabaseSessionStore
