"""Reads whose SQL is compiled once per process, then run with each request's values.

Django builds and compiles a queryset's SQL anew on every call: about 0.9 ms of CPU
for each query of an annotation container's answer on a 2-CPU machine, against
0.02 ms to run the same SQL on SQLite. The reads every container request makes (the
project with the caller's role, the version's id, the annotations' state) are
therefore defined once as querysets, as everywhere else, built with placeholder
values, compiled to SQL, and kept; each request runs that SQL with its own values in
the placeholders' places. The queryset stays the one definition of what is read.

For example (``containers.py``), the id of a version by its project and label::

    labelled = Prepared(lambda project, label: Version.objects.filter(
        project_id=project, label=label).values_list("pk")[:1], int, str)
    labelled.rows(1, "2011")  # [(1,)]

Rows are converted as the queryset's own would be (aware datetimes, booleans), by its
compiler, so a prepared read gives what ``list(queryset)`` gives.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.sql.compiler import SQLCompiler

_INT_PLACEHOLDER = -2_000_000_000
"""Integers no key takes (ids are positive), one per argument counted down from here:
within 32 bits, since Django compiles a value out of a column's range on PostgreSQL
(``auth_user.id`` is a 32-bit integer) to no query at all."""


class Prepared:
    """A read compiled once: ``build(*placeholders)`` is the queryset, ``kinds`` the
    type (``int`` or ``str``) of each of its arguments."""

    def __init__(self, build: Callable[..., QuerySet[Any]], *kinds: type) -> None:
        self._build, self._kinds = build, kinds
        self._compiled: tuple[SQLCompiler, str, list[Any], list[int | None]] | None = None
        self._lock = threading.Lock()

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows the queryset reads with ``values`` as its arguments."""
        compiler, sql, constants, slots = self._sql()
        params = [
            constant if slot is None else values[slot]
            for constant, slot in zip(constants, slots, strict=True)
        ]
        with connections[compiler.using].cursor() as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return list(compiler.results_iter(results=[fetched], tuple_expected=True))

    def _sql(self) -> tuple[SQLCompiler, str, list[Any], list[int | None]]:
        """(the compiler, its SQL, its parameters, the argument each stands for)."""
        with self._lock:
            if self._compiled is None:
                query = self._build(*self._placeholders())
                compiler = query.query.get_compiler(using=query.db)
                sql, params = compiler.as_sql()
                self._compiled = (compiler, sql, list(params), self._slots(list(params)))
            return self._compiled

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
        if missing:  # an argument the queryset converted or dropped: a programming error
            raise ValueError(f"arguments {sorted(missing)} do not reach the compiled SQL")
        return slots


def _slot(param: Any, placeholders: list[Any]) -> int | None:
    for number, held in enumerate(placeholders):
        if type(param) is type(held) and param == held:
            return number
    return None
