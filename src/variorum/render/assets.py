"""The render stage's packaged files: stylesheets and scripts (``static/``) and page
templates (``templates/``), each read once."""

from __future__ import annotations

from functools import cache
from importlib import resources

import jinja2


@cache
def asset(name: str) -> str:
    """The text of ``static/<name>``."""
    return resources.files("variorum.render").joinpath("static", name).read_text(encoding="utf-8")


@cache
def template(name: str) -> jinja2.Template:
    """The Jinja template ``templates/<name>``, autoescaping."""
    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("variorum.render", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return environment.get_template(name)
