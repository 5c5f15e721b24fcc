"""Streaming readers: NDJSON line by line and Bundles entry by entry, never whole files.

Each reader yields :class:`Item` s — the raw record (or why it could not be read) with
where it came from — so the importer can report file, line and field, and can copy a
rejected record to the quarantine file without holding the input in memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import ijson

from soteria.warehouse.fhir import RESOURCE_TYPES

MAX_LINE_BYTES = 16 * 1024 * 1024
"""A single resource larger than this is refused (without reading it into memory)."""

_CHUNK = 1024 * 1024


@dataclass(slots=True)
class Item:
    line: int  # 1-based line (NDJSON) or entry number (Bundle)
    offset: int  # byte offset in the file (NDJSON), -1 for bundle entries
    length: int
    text: str | None = None  # NDJSON: the decoded line
    obj: Any = None  # Bundle: the entry's resource as parsed JSON
    error: str | None = None  # could not even be read


@dataclass
class Source:
    path: Path
    name: str
    kind: str  # "ndjson" | "bundle"
    resource_type: str | None  # expected type, from the file name (NDJSON)
    size: int = 0
    sha256: str = ""
    lines: int = 0  # newline-terminated lines (and a last unterminated one)

    def describe(self) -> dict[str, Any]:
        return {"name": self.name, "kind": self.kind, "size": self.size, "sha256": self.sha256}


def _resource_type_from_name(name: str) -> str | None:
    stem = name.split(".", 1)[0]
    return stem if stem in RESOURCE_TYPES else None


def discover(paths: list[Path], names: list[str] | None = None) -> tuple[list[Source], list[str]]:
    """Sources to read, in dependency order, and the names of files that were skipped."""
    sources: list[Source] = []
    skipped: list[str] = []
    files: list[tuple[Path, str]] = []
    for i, path in enumerate(paths):
        if path.is_dir():
            files.extend((p, p.name) for p in sorted(path.iterdir()) if p.is_file())
        else:
            files.append((path, names[i] if names else path.name))
    for path, name in files:
        lower = name.lower()
        if lower.endswith((".ndjson", ".ndjson.gz", ".jsonl")):
            resource_type = _resource_type_from_name(name)
            if resource_type is None and name.split(".", 1)[0][:1].isupper():
                skipped.append(name)  # another resource type (Condition, Practitioner, …)
                continue
            if lower.startswith("log."):
                skipped.append(name)
                continue
            sources.append(Source(path, name, "ndjson", resource_type))
        elif lower.endswith(".json"):
            sources.append(Source(path, name, "bundle", None))
        else:
            skipped.append(name)
    order = {t: i for i, t in enumerate(RESOURCE_TYPES)}
    sources.sort(key=lambda s: (s.kind == "bundle", order.get(s.resource_type or "", 99), s.name))
    return sources, skipped


def fingerprint(source: Source) -> None:
    """Fill in size and SHA-256 (streamed)."""
    digest = hashlib.sha256()
    size = lines = 0
    last = b"\n"
    with open(source.path, "rb") as handle:
        while chunk := handle.read(_CHUNK):
            digest.update(chunk)
            size += len(chunk)
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    source.size = size
    source.sha256 = digest.hexdigest()
    source.lines = lines + (0 if last == b"\n" else 1)


class Fingerprints:
    """:func:`fingerprint` of every source, by one background thread while the import reads.

    ``hashlib`` releases the GIL while it hashes, so the SHA-256 of a large file costs little
    more than nothing next to DuckDB or the Python path reading it. ``wait(i)`` blocks until
    the i-th source is done (the fast path needs its line count), ``wait_all()`` until every
    one is, and re-raises what went wrong (a file that cannot be read).
    """

    def __init__(self, sources: list[Source]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="fingerprint")
        self._futures: list[Future[None]] = [self._pool.submit(fingerprint, s) for s in sources]

    def wait(self, index: int) -> None:
        self._futures[index].result()

    def wait_all(self) -> None:
        for future in self._futures:
            future.result()

    def close(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Fingerprints:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


def read_ndjson(path: Path, encoding: str = "utf-8") -> Iterator[Item]:
    """Lines of a text file (NDJSON or CSV), decoded, with their positions."""
    with open(path, "rb") as handle:
        line_no = 0
        offset = 0
        while True:
            raw = handle.readline(MAX_LINE_BYTES + 1)
            if not raw:
                return
            line_no += 1
            start = offset
            offset += len(raw)
            if len(raw) > MAX_LINE_BYTES and not raw.endswith(b"\n"):
                # Skip the rest of an oversized line without keeping it.
                while True:
                    more = handle.readline(_CHUNK)
                    offset += len(more)
                    if not more or more.endswith(b"\n"):
                        break
                yield Item(
                    line_no,
                    start,
                    offset - start,
                    error=f"line longer than {MAX_LINE_BYTES // (1024 * 1024)} MB",
                )
                continue
            stripped = raw.strip()
            if not stripped:
                continue
            try:
                text = stripped.decode(encoding)
            except UnicodeDecodeError as error:
                yield Item(
                    line_no,
                    start,
                    len(raw),
                    error=f"not valid {encoding.upper()} (byte {error.start + 1} of the line)",
                )
                continue
            yield Item(line_no, start, len(raw), text=text)


def read_raw_line(path: Path, offset: int, length: int) -> bytes:
    with open(path, "rb") as handle:
        handle.seek(offset)
        return handle.read(min(length, MAX_LINE_BYTES))


def bundle_type(path: Path) -> tuple[str | None, str | None]:
    """(resourceType, type) of a Bundle file, read from its first keys only."""
    resource_type = bundle_kind = None
    with open(path, "rb") as handle:
        try:
            for prefix, event, value in ijson.parse(handle):
                if prefix == "resourceType" and event == "string":
                    resource_type = value
                elif prefix == "type" and event == "string":
                    bundle_kind = value
                elif prefix == "entry" and event == "start_array":
                    break
                if resource_type and bundle_kind:
                    break
        except ijson.JSONError:
            return resource_type, bundle_kind
    return resource_type, bundle_kind


def read_bundle(
    path: Path, only: set[str] | None = None, exclude: set[str] | None = None
) -> Iterator[Item]:
    """Entries of a Bundle, one at a time; ``only``/``exclude`` filter by resourceType."""
    with open(path, "rb") as handle:
        index = 0
        try:
            for entry in ijson.items(handle, "entry.item", use_float=True):
                index += 1
                resource = entry.get("resource") if isinstance(entry, dict) else None
                if not isinstance(resource, dict):
                    yield Item(index, -1, 0, error="entry has no resource")
                    continue
                kind = resource.get("resourceType")
                if only is not None and kind not in only:
                    continue
                if exclude is not None and kind in exclude:
                    continue
                yield Item(index, -1, 0, obj=resource)
        except ijson.JSONError as error:
            yield Item(index + 1, -1, 0, error=f"not valid JSON ({error})")
        except UnicodeDecodeError:
            yield Item(index + 1, -1, 0, error="not valid UTF-8")
