"""Pseudonymisation on entry: nothing that identifies a person directly is ever stored.

- Identifiers (patient and encounter ids, record numbers) become keyed HMAC-SHA256
  pseudonyms. The key is created on first use in a file outside every database
  (``settings.PSEUDONYM_KEY_PATH``, mode 0600) and is never logged or shown.
- Names, addresses, phone numbers and exact identifiers are dropped by the readers, which
  only pick the fields listed in the warehouse schema.
- A birth date becomes its year; an address becomes an area code (country and the first
  two characters of the postal code).
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from pathlib import Path

KEY_BYTES = 32


class KeyError_(RuntimeError):
    """The key file exists but is unusable (wrong size or too open)."""


def load_or_create_key(path: Path) -> bytes:
    """Read the key, creating it (mode 0600, parent 0700) when it does not exist yet."""
    path = Path(path)
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            pass  # created by a concurrent process: read theirs
        else:
            with os.fdopen(fd, "wb") as handle:
                handle.write(secrets.token_bytes(KEY_BYTES))
    mode = path.stat().st_mode & 0o777
    if mode & 0o077:
        raise KeyError_(f"The pseudonymisation key file must be private (mode 600), not {mode:o}.")
    key = path.read_bytes()
    if len(key) != KEY_BYTES:
        raise KeyError_("The pseudonymisation key file is damaged (wrong length).")
    return key


class Pseudonymiser:
    """Keyed pseudonyms: the same input and key always give the same pseudonym."""

    def __init__(self, key: bytes) -> None:
        # Pre-keyed HMAC object; copying it is much cheaper than re-keying per value.
        self._base = hmac.new(key, digestmod=hashlib.sha256)
        block = (key if len(key) <= 64 else hashlib.sha256(key).digest()).ljust(64, b"\0")
        self._inner_pad = bytes(b ^ 0x36 for b in block)
        self._outer_pad = bytes(b ^ 0x5C for b in block)

    def __repr__(self) -> str:  # never show the key, not even in tracebacks
        return "Pseudonymiser(<key hidden>)"

    def sql(self, namespace: str, value_sql: str) -> tuple[str, list[bytes]]:
        """The same pseudonym computed by DuckDB, for a VARCHAR expression ``value_sql``.

        HMAC is written out (RFC 2104): sha256(outer pad ‖ sha256(inner pad ‖ message)).
        The pads travel as bound parameters, never inside the SQL text.
        """
        expression = f"left(sha256(?::BLOB || unhex(sha256(?::BLOB || encode({value_sql})))), 32)"
        return expression, [self._outer_pad, self._inner_pad + namespace.encode() + b"\0"]

    def pseudonym(self, namespace: str, value: str) -> str:
        """A 32-hex-character pseudonym of ``value`` within ``namespace``."""
        mac = self._base.copy()
        mac.update(namespace.encode())
        mac.update(b"\x00")
        mac.update(value.encode())
        return mac.hexdigest()[:32]


def birth_year(birth_date: str | None) -> int | None:
    """'1948-05-17' → 1948; FHIR allows partial dates ('1948', '1948-05')."""
    if not birth_date or len(birth_date) < 4 or not birth_date[:4].isdigit():
        return None
    return int(birth_date[:4])


def area_code(country: str | None, postal_code: str | None) -> str | None:
    """Country plus the first two characters of the postal code: 'PL', '64-100' → 'PL-64'."""
    if not postal_code:
        return None
    compact = "".join(ch for ch in postal_code if ch.isalnum()).upper()
    if len(compact) < 2:
        return None
    prefix = (country or "").strip().upper()[:2]
    return f"{prefix}-{compact[:2]}" if prefix else compact[:2]
