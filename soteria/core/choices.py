"""Labels of model choices, quickly.

Django's ``get_FOO_display()`` builds a dictionary of the field's choices on every call and
hashes each lazy label on the way — a translation lookup per choice: ~20 µs for the ten
units of measure of an indicator, and pages call it for every row. Models that inherit
:class:`QuickChoiceLabels` keep that dictionary per field (its labels stay lazy, so one
dictionary serves every language) and translate only the label asked for: the same text
(tested against Django's own method for every choice of every such model, in every
language).
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django.db.models import Field
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable


@cache
def _labels(field: Field[Any, Any]) -> dict[Any, Any]:
    return {make_hashable(value): label for value, label in field.flatchoices}


class QuickChoiceLabels:
    """A mixin for models: ``get_FOO_display()`` without rebuilding the choices per call."""

    def _get_FIELD_display(self, field: Field[Any, Any]) -> str:
        value = getattr(self, field.attname)
        label = _labels(field).get(make_hashable(value), value)
        return force_str(label, strings_only=True)  # type: ignore[no-any-return]
