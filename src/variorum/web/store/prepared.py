"""Reads whose SQL is compiled once per process, then run with each request's values.

Django builds and compiles a queryset's SQL anew on every call: about 0.9 ms of CPU
for each query of an annotation container's answer on a 2-CPU machine, against
0.02 ms to run the same SQL on SQLite. The reads every container request makes (the
project with the caller's role, the version's id, the annotations' state) are
therefore defined once as querysets, as everywhere else, built with placeholder
values, compiled to SQL, and kept; each request runs that SQL with its own values in
the placeholders' places. The queryset stays the one definition of what is read.

For example (``containers.py``), the id of a version by its project and label::

    labelled = Prepared(lambda project, label: VersionRecord.objects.filter(
        project_id=project, label=label).values_list("pk")[:1], int, str)
    labelled.rows(1, "2011")  # [(1,)]

Rows are converted as the queryset's own would be (aware datetimes, booleans), by its
compiler's converters, so a prepared read gives what ``list(queryset)`` gives.

Django has no public API for this: it uses its SQL compiler (``get_compiler``,
``as_sql``, ``select``, ``col_count``, ``get_converters``, ``apply_converters``),
unchanged from Django 2 to 5.2. Should an upgrade change them, a read that cannot be
compiled as expected logs one warning and runs its plain queryset ever after (slower,
never wrong); ``tests/web/test_prepared_reads.py`` fails, naming the read and the
reason, so the upgrade cannot go unnoticed.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import connections
from django.db.models import QuerySet

_INT_PLACEHOLDER = -2_000_000_000
"""Integers no key takes (ids are positive), one per argument counted down from here:
within 32 bits, since Django compiles a value out of a column's range on PostgreSQL
(``auth_user.id`` is a 32-bit integer) to no query at all."""

logger = logging.getLogger(__name__)

EVERY: list[Prepared] = []
"""Every prepared read defined, for the test that checks each compiles."""


class NotCompiled(Exception):
    """Django's compiler did not give what a prepared read needs (the reason)."""


@dataclass(frozen=True, slots=True)
class _Compiled:
    using: str
    sql: str
    constants: list[Any]
    slots: list[int | None]
    """For each SQL parameter, the argument it stands for (None: a constant)."""
    convert: Callable[[list[Any]], list[tuple[Any, ...]]]
    """The fetched rows as the queryset gives them."""


class Prepared:
    """A read compiled once: ``build(*placeholders)`` is the queryset, ``kinds`` the
    type (``int`` or ``str``) of each of its arguments."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *kinds: type) -> None:
        self._build, self._kinds = build, kinds
        self._compiled: _Compiled | None = None
        self._problem = ""
        self._lock = threading.Lock()
        EVERY.append(self)

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows the queryset reads with ``values`` as its arguments."""
        compiled = self._sql()
        if compiled is None:  # Django compiles otherwise than this module expects
            return [tuple(row) for row in self._build(*values)]
        params = [
            constant if slot is None else values[slot]
            for constant, slot in zip(compiled.constants, compiled.slots, strict=True)
        ]
        with connections[compiled.using].cursor() as cursor:
            cursor.execute(compiled.sql, params)
            return compiled.convert(cursor.fetchall())

    def problem(self) -> str:
        """Why this read runs its plain queryset ("" while it is compiled once)."""
        self._sql()
        return self._problem

    def _sql(self) -> _Compiled | None:
        with self._lock:
            if self._compiled is None and not self._problem:
                try:
                    self._compiled = self._compile()
                except (NotCompiled, AttributeError, TypeError) as error:
                    self._problem = f"{type(error).__name__}: {error}"
                    logger.warning("a prepared read runs as a plain queryset: %s", self._problem)
            return self._compiled

    def _compile(self) -> _Compiled:
        query = self._build(*self._placeholders())
        compiler = query.query.get_compiler(using=query.db)
        sql, params = compiler.as_sql()
        columns = [selected[0] for selected in compiler.select[: compiler.col_count]]
        converters = compiler.get_converters(columns)

        def convert(rows: list[Any]) -> list[tuple[Any, ...]]:
            if not converters:
                return [tuple(row) for row in rows]
            return [tuple(row) for row in compiler.apply_converters(rows, converters)]

        return _Compiled(query.db, sql, list(params), self._slots(list(params)), convert)

    def _placeholders(self) -> list[Any]:
        return [
            _INT_PLACEHOLDER - number if kind is int else f"\ufffeprepared-{number}\ufffe"
            for number, kind in enumerate(self._kinds)
        ]

    def _slots(self, params: list[Any]) -> list[int | None]:
        """For each compiled parameter, the argument it stands for (None: a constant)."""
        placeholders = self._placeholders()
        slots = [_slot(param, placeholders) for param in params]
        missing = set(range(len(placeholders))) - set(slots)
        if missing:  # an argument the queryset converted or dropped
            raise NotCompiled(f"arguments {sorted(missing)} do not reach the compiled SQL")
        return slots


def _slot(param: Any, placeholders: list[Any]) -> int | None:
    for number, held in enumerate(placeholders):
        if type(param) is type(held) and param == held:
            return number
    return None
