"""Quick choice labels give what Django's ``get_FOO_display()`` gives."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.conf import settings
from django.db import models
from django.utils import translation

from soteria.core.choices import QuickChoiceLabels

QUICK = [
    m
    for m in apps.get_models()
    if issubclass(m, QuickChoiceLabels) and any(f.choices for f in m._meta.concrete_fields)
]


def test_the_models_that_show_choices_on_every_row_use_them() -> None:
    names = {m.__name__ for m in QUICK}
    assert {"IndicatorDefinition", "IndicatorValue", "StrategyVersion", "Initiative"} <= names
    assert "Milestone" in names


@pytest.mark.parametrize("model", QUICK, ids=lambda m: m.__name__)
def test_every_label_in_every_language_is_djangos(model: type[models.Model]) -> None:
    fields = [f for f in model._meta.concrete_fields if f.choices]
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for field in fields:
                values = [value for value, _label in field.flatchoices]
                for value in [*values, "no-such-choice", 12345, None]:
                    instance = model()
                    setattr(instance, field.attname, value)
                    quick = getattr(instance, f"get_{field.name}_display")()
                    django = models.Model._get_FIELD_display(instance, field)  # type: ignore[attr-defined]
                    assert quick == django and type(quick) is type(django), (field, value)
            translated = [
                getattr(model(**{f.attname: v}), f"get_{f.name}_display")()
                for f in fields
                for v, _label in f.flatchoices
            ]
            assert all(isinstance(text, str) for text in translated)
