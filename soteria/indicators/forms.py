"""Forms for indicator definitions and computation."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.indicators.models import IndicatorDefinition
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import UnitKind


class MeasureField(forms.CharField):
    """A measure as JSON text (see docs/indicators.md); empty means none."""

    widget = forms.Textarea(attrs={"rows": 4, "spellcheck": "false", "class": "mono"})

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, dict):
            return json.dumps(value, ensure_ascii=False, indent=1)
        return value

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if not text:
            return None
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            raise forms.ValidationError(
                _("Not valid JSON (line %(line)s, column %(column)s): %(reason)s"),
                params={"line": error.lineno, "column": error.colno, "reason": error.msg},
            ) from error
        if not isinstance(data, dict):
            raise forms.ValidationError(_("A measure is a JSON object."))
        return data


class DefinitionForm(forms.ModelForm):
    entered_at = forms.MultipleChoiceField(
        label=_("Entered at"),
        choices=UnitKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "For hand-entered indicators: the kinds of unit that enter values (e.g. "
            "departments); values sum up to the units above. None chosen: every unit."
        ),
    )
    numerator = MeasureField(label=_("Numerator"), required=False)
    denominator = MeasureField(label=_("Denominator"), required=False)

    class Meta:
        model = IndicatorDefinition
        fields = [
            "code",
            "name",
            "description",
            "unit",
            "decimals",
            "direction",
            "source",
            "entry_period",
            "entered_at",
            "numerator",
            "denominator",
            "multiplier",
            "owner",
            "active",
        ]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["owner"]
        owner.queryset = access.units_for(user, Action.ADMINISTER)  # type: ignore[attr-defined]
        owner.required = not getattr(user, "is_superuser", False)
        owner.help_text = _(
            "The organisation whose administrators maintain it and whose units it is "
            "computed for. Empty: the shared standard set."
        )
        if self.instance.pk:
            del self.fields["code"]
            if self.instance.standard:
                del self.fields["owner"]
