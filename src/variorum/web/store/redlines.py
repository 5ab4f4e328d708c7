"""The redline of two stored versions with their annotations, as an Edition: what the
publisher renders, so the app shows exactly what the published page will."""

from __future__ import annotations

from variorum.publish.edition import Edition, VersionInfo, assemble_edition, is_web
from variorum.web.models import Project, Status, Version
from variorum.web.store.annotations import live_annotations, note_of
from variorum.web.store.documents import document_of


def edition_for(project: Project, old: Version, new: Version, drafts: bool = True) -> Edition:
    """The Edition of one pair of versions; ``drafts`` includes unpublished notes."""
    rows = live_annotations(project).filter(version__in=[old, new])
    if not drafts:
        rows = rows.filter(status=Status.PUBLISHED)
    versions = tuple(
        VersionInfo(v.label, v.date, v.source, v.source if is_web(v.source) else "")
        for v in dict.fromkeys((old, new))  # one version read alone is listed once
    )
    return assemble_edition(
        project.title,
        tuple(project.authors),
        project.introduction,
        versions,
        {old.label: document_of(old), new.label: document_of(new)},
        [note_of(row) for row in rows],
        [(old.label, new.label)],
    )
