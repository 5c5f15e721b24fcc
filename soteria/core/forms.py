"""Form building blocks shared by every domain package."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from soteria.core.i18n import LANGUAGE_CODES, clean_translations


class TranslatedTextWidget(forms.MultiWidget):
    """One input per language, each labelled with its language code."""

    template_name = "core/widgets/translated_text.html"

    def __init__(self, multiline: bool = False, attrs: dict[str, Any] | None = None) -> None:
        base = forms.Textarea(attrs={"rows": 2}) if multiline else forms.TextInput()
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            code: base.__class__(attrs=dict(base.attrs)) for code in LANGUAGE_CODES
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        value = value or {}
        return [value.get(code) for code in LANGUAGE_CODES]

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        names = dict(settings.LANGUAGES)
        for code, sub in zip(LANGUAGE_CODES, context["widget"]["subwidgets"], strict=True):
            sub["language_code"] = code
            sub["language_name"] = names[code]
            sub["attrs"]["lang"] = code
        # The organisation's own language first, then English, then the rest.
        first = getattr(self, "primary_language", None)
        context["widget"]["subwidgets"].sort(
            key=lambda sub: (sub["language_code"] != first, sub["language_code"] != "en")
        )
        return context


class TranslatedTextField(forms.MultiValueField):
    """Text in each of the product's languages; at least one is required when required."""

    def __init__(self, *, multiline: bool = False, max_length: int | None = None, **kwargs: Any):
        kwargs.pop("encoder", None)
        kwargs.pop("decoder", None)
        fields = [forms.CharField(required=False, max_length=max_length) for _ in LANGUAGE_CODES]
        kwargs.setdefault("widget", TranslatedTextWidget(multiline=multiline))
        kwargs.setdefault(
            "help_text", _("Fill in at least one language; others fall back to English.")
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dict[str, str]:
        if not data_list:
            return {}
        return clean_translations(dict(zip(LANGUAGE_CODES, data_list, strict=False)))

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise forms.ValidationError(self.error_messages["required"], code="required")

    def has_changed(self, initial: Any, data: Any) -> bool:
        return clean_translations(initial or {}) != self.compress(
            [self.fields[i].to_python(v) for i, v in enumerate(data or [])]
        )


def put_language_first(form: forms.BaseForm, language: str | None) -> None:
    """Show the given language's input first in every translated field of the form."""
    for field in form.fields.values():
        if isinstance(field, TranslatedTextField):
            field.widget.primary_language = language  # type: ignore[attr-defined]


def apply_service(form: forms.BaseForm, call: Any) -> Any:
    """Run a service; put its validation errors on the form (by field where it names one).

    Returns the service's result, or None when it refused (then ``form.errors`` says why).
    """
    from django.core.exceptions import ValidationError

    try:
        return call()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, messages in error.error_dict.items():
                target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
        else:
            form.add_error(None, error)
        return None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")
