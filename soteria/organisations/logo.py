"""An organisation's logo: an uploaded PNG or JPEG, checked and re-encoded as a small PNG.

Re-encoding with Pillow drops whatever else the file carried (metadata, scripts in a
polyglot file, animation) and bounds the size: at most :data:`MAX_SIDE` pixels a side. The
result is kept as a ``data:`` URI on the unit, so pages and PDFs embed it without fetching.
"""

from __future__ import annotations

import base64
import hashlib
import io
from typing import IO

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_UPLOAD = 2 * 1024 * 1024
MAX_SIDE = 600
FORMATS = {"PNG", "JPEG"}


def logo_data_uri(upload: IO[bytes]) -> str:
    """A ``data:image/png;base64,…`` URI of the uploaded image, or a ValidationError."""
    from PIL import Image, UnidentifiedImageError

    data = upload.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise ValidationError({"logo": _("The image is larger than 2 MB.")})
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            probe.verify()
        if kind not in FORMATS:
            raise ValidationError({"logo": _("Upload a PNG or JPEG image.")})
        with Image.open(io.BytesIO(data)) as image:
            if image.width * image.height > 40_000_000:
                raise ValidationError({"logo": _("The image is too large.")})
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            converted = image.convert("RGBA")
            out = io.BytesIO()
            converted.save(out, format="PNG", optimize=True)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise ValidationError({"logo": _("This file is not an image we can read.")}) from exc
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


def fingerprint(data_uri: str) -> str:
    """A short hash naming a logo in the audit log (the image itself is not recorded)."""
    return hashlib.sha256(data_uri.encode("ascii")).hexdigest()[:16] if data_uri else ""
