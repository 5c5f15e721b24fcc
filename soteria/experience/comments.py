"""Free-text answers: checked for length, kept as plain text (HTML is text, escaped wherever
it is shown) and scrubbed of personal data before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from soteria.core.text import drop_control

MAX_COMMENT_CHARS = 5000
"""Longest free-text answer accepted (characters, after trimming)."""


class CommentError(ValueError):
    pass


@dataclass(frozen=True)
class CleanComment:
    text: str
    found: tuple[str, ...]


def clean_comment(raw: str) -> CleanComment | None:
    """The scrubbed comment, None when blank, ``CommentError`` when too long.

    Control characters other than line breaks and tabs are dropped; nothing else is
    changed before scrubbing (emoji, any script, mixed languages and markup stay as text)."""
    text = drop_control(raw)
    text = text.replace("\r\n", "\n").strip()
    if not text:
        return None
    if len(text) > MAX_COMMENT_CHARS:
        raise CommentError(
            _("Please keep your answer under %(limit)s characters (it has %(count)s).")
            % {"limit": f"{MAX_COMMENT_CHARS:,}", "count": f"{len(text):,}"}
        )
    from soteria.experience.analysis.scrub import scrub

    result = scrub(text)
    return CleanComment(text=result.text, found=tuple(result.found))
