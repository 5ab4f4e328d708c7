"""The optional compiled modules ``variorum._speedups``, ``variorum._tokens``,
``variorum._wordops`` and ``variorum._tokendiff`` (all other settings are in
pyproject.toml).

Optional means: without a C compiler, or if Cython fails on the module, the install
still succeeds (with a warning) and Variorum runs its pure-Python code instead.
"""

from __future__ import annotations

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext


class OptionalBuildExt(build_ext):
    """Turns every failure to build an optional extension into a warning.

    setuptools already forgives a failing C compiler for ``optional=True``, but not a
    Cython error (not one of the exceptions it filters), which would fail the install.
    """

    def build_extension(self, ext: Extension) -> None:
        try:
            super().build_extension(ext)
        except Exception as error:
            if not ext.optional:
                raise
            self.warn(f"{ext.name} not built ({error}): the pure-Python code will be used")


setup(
    ext_modules=[
        Extension("variorum._speedups", ["src/variorum/_speedups.pyx"], optional=True),
        Extension("variorum._tokens", ["src/variorum/_tokens.pyx"], optional=True),
        Extension("variorum._wordops", ["src/variorum/_wordops.pyx"], optional=True),
        Extension("variorum._tokendiff", ["src/variorum/_tokendiff.pyx"], optional=True),
    ],
    cmdclass={"build_ext": OptionalBuildExt},
)
