"""Rich text of the narrative sections: an allow-list of HTML, everything else removed.

The editor produces simple HTML (paragraphs, headings, lists, emphasis, links, tables).
:func:`sanitise` keeps only that (via nh3, the Rust ``ammonia`` sanitiser): no scripts, no
event handlers, no styles, no ``javascript:`` URLs; links get ``rel="noopener noreferrer"``.
Plain text (no tags) is turned into paragraphs so that text typed or pasted without the
editor keeps its line breaks.
"""

from __future__ import annotations

import re

import nh3
from django.utils.html import escape

TAGS = {
    "p", "br", "strong", "b", "em", "i", "u", "s", "h3", "h4", "ul", "ol", "li",
    "blockquote", "a", "table", "thead", "tbody", "tr", "th", "td", "sup", "sub",
}  # fmt: skip
ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope", "colspan", "rowspan"},
              "td": {"colspan", "rowspan"}}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto"}

_TAG = re.compile(r"<[a-zA-Z/!]")


def sanitise(text: str) -> str:
    """Safe HTML for a narrative section (empty when nothing visible is left)."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not _TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(
            "<p>" + "<br>".join(escape(line) for line in p.split("\n")) + "</p>" for p in paragraphs
        )
    clean = nh3.clean(
        text,
        tags=TAGS,
        attributes=ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )
    if not plain_text(clean):
        return ""
    return clean.strip()


def plain_text(html: str) -> str:
    """The visible words of sanitised HTML (for emptiness checks and search)."""
    without = nh3.clean(html or "", tags=set())
    return re.sub(r"\s+", " ", without.replace("&nbsp;", " ")).strip()
