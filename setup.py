"""The optional compiled twins, one module per stage: ``variorum._tokens`` (the
tokenizer of the model), ``variorum.ingest._reading``, and ``variorum.compare._matching``,
``_tokendiff`` and ``_wordops`` (all other settings are in pyproject.toml; which code
uses them: ``variorum/compiled.py``).

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


COMPILED = [
    "variorum._tokens",
    "variorum.ingest._reading",
    "variorum.compare._matching",
    "variorum.compare._tokendiff",
    "variorum.compare._wordops",
]
"""The compiled modules (the twins in each: ``variorum.compiled.HOMES``)."""

setup(
    ext_modules=[
        Extension(name, [f"src/{name.replace('.', '/')}.pyx"], include_dirs=["src"], optional=True)
        for name in COMPILED
    ],
    cmdclass={"build_ext": OptionalBuildExt},
)
