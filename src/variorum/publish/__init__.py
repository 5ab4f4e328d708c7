"""Publishing: a project becomes an interactive page that readers explore offline.

The pipeline, one module a step::

    Project --edition--> Edition (header, and per pair of versions: Comparison,
                          numbered Notes, changed provisions)
    Notes --marks--> the decorate hook of the one redline renderer (render.html)
    Edition --page--> HTML (site page, single file, or embed), strict CSP, no network
    Edition --site--> files: index.html, a page per other pair, embed.html,
                      embed-snippet.html, oembed.json, annotations.jsonld

- ``notes``: annotations anchored on a pair, numbered, with both wordings of a change;
- ``marks``: annotated passages and numbered note references in the redline;
- ``chart``: change per provision as inline SVG;
- ``page`` and ``templates/``, ``static/``: the page, its vanilla CSS and JavaScript;
- ``site``: writing the folder or the single file.
"""

from variorum.publish.edition import Edition, PairView, build_edition, pair_labels
from variorum.publish.page import render_page
from variorum.publish.site import (
    iframe_snippet,
    publish_docx,
    publish_file,
    publish_pdf,
    publish_site,
)

__all__ = [
    "Edition",
    "PairView",
    "build_edition",
    "iframe_snippet",
    "pair_labels",
    "publish_docx",
    "publish_file",
    "publish_pdf",
    "publish_site",
    "render_page",
]
