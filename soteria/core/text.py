"""Plain text as people typed it."""

from __future__ import annotations


def drop_control(text: str) -> str:
    """``text`` without control characters, line breaks (``\\n``) and tabs kept (a ``\\r``
    is dropped too: normalise line endings first where they matter)."""
    return "".join(ch for ch in text if ch in "\n\t" or (ch >= " " and ch != "\x7f"))
