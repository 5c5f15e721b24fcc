"""Model fields shared by every domain package."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from soteria.core.i18n import clean_translations


class TranslatedField(models.JSONField):
    """Text per language, stored as ``{"pl": "…", "en": "…"}``.

    ``blank=False`` (the default) requires a text in at least one language.
    """

    def __init__(
        self, *args: Any, multiline: bool = False, max_length: int | None = 500, **kwargs: Any
    ) -> None:
        self.multiline = multiline
        self.text_max_length = max_length
        kwargs.setdefault("default", dict)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> Any:
        name, path, args, kwargs = super().deconstruct()
        if self.multiline:
            kwargs["multiline"] = True
        if self.text_max_length != 500:
            kwargs["max_length"] = self.text_max_length
        return name, path, args, kwargs

    def validate(self, value: Any, model_instance: Any) -> None:
        if not isinstance(value, dict):
            raise ValidationError(_("Expected texts keyed by language code."), code="invalid")
        cleaned = clean_translations(value)
        if not self.blank and not cleaned:
            raise ValidationError(self.error_messages["blank"], code="blank")
        if self.text_max_length:
            for text in cleaned.values():
                if len(text) > self.text_max_length:
                    raise ValidationError(
                        _("Each text may have at most %(limit)d characters."),
                        code="max_length",
                        params={"limit": self.text_max_length},
                    )
        super().validate(value, model_instance)

    def pre_save(self, model_instance: Any, add: bool) -> Any:
        value = clean_translations(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs: Any) -> Any:  # type: ignore[override]
        from soteria.core.forms import TranslatedTextField

        defaults = {
            "form_class": TranslatedTextField,
            "multiline": self.multiline,
            "max_length": self.text_max_length,
            "required": not self.blank,
            "label": self.verbose_name.capitalize() if self.verbose_name else None,
        }
        defaults.update(kwargs)
        form_class: Any = defaults.pop("form_class")
        defaults.pop("encoder", None)
        defaults.pop("decoder", None)
        if self.help_text:
            defaults.setdefault("help_text", self.help_text)
        return form_class(**defaults)


class MoneyField(models.DecimalField):
    """Money as Decimal: 14 digits, 2 decimals; the currency lives in its own field."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_digits", 16)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(*args, **kwargs)


CURRENCIES = [
    ("EUR", "EUR"),
    ("PLN", "PLN"),
    ("DKK", "DKK"),
    ("VND", "VND"),
    ("USD", "USD"),
    ("GBP", "GBP"),
    ("SEK", "SEK"),
    ("NOK", "NOK"),
]


class CurrencyField(models.CharField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("max_length", 3)
        kwargs.setdefault("choices", CURRENCIES)
        kwargs.setdefault("verbose_name", _("currency"))
        super().__init__(*args, **kwargs)
