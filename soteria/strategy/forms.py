from __future__ import annotations

from typing import Any

from django import forms
from django.db import models
from django.forms import modelform_factory
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import DateInput, TranslatedTextField, put_language_first
from soteria.indicators.models import IndicatorDefinition
from soteria.indicators.selectors import definitions_for
from soteria.organisations.models import CODE_VALIDATOR, OrgUnit
from soteria.strategy.models import (
    ELEMENT_MODELS,
    Element,
    Strategy,
    StrategyVersion,
    VersionStatus,
)

NOT_EDITABLE = {"id", "version", "key"}


def _unit_label(unit: OrgUnit) -> str:
    return f"{'— ' * unit.depth}{unit}"


class ElementForm(forms.ModelForm):
    """Base for every element form: choices limited to the element's own version and org."""

    def __init__(self, *args: Any, version: StrategyVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version
        self.instance.version = version
        put_language_first(self, version.strategy.unit.language)
        for name, field in self.fields.items():
            model_field = self._meta.model._meta.get_field(name)
            target = getattr(model_field, "related_model", None)
            if target in ELEMENT_MODELS:
                field.queryset = target.objects.filter(version=version)  # type: ignore[attr-defined]
            elif target is OrgUnit:
                field.queryset = version.strategy.unit.subtree()  # type: ignore[attr-defined]
                field.label_from_instance = _unit_label  # type: ignore[attr-defined]
            elif target is IndicatorDefinition:
                field.queryset = definitions_for(version.strategy.unit)  # type: ignore[attr-defined]
            if isinstance(model_field, models.DateField):
                field.widget = DateInput()

    def clean_code(self) -> str:
        code = self.cleaned_data["code"]
        model = self._meta.model
        clash = model.objects.filter(version=self.version, code=code).exclude(pk=self.instance.pk)
        if clash.exists():
            raise forms.ValidationError(
                _("Another %(kind)s of this version already has the code %(code)s.")
                % {"kind": model._meta.verbose_name, "code": code}
            )
        return code


def element_form_class(model: type[Element], progress_only: bool = False) -> type[ElementForm]:
    if progress_only:
        fields = list(model.progress_fields)
    else:
        fields = [
            f.name
            for f in model._meta.fields
            if f.editable and f.name not in NOT_EDITABLE and f.name != "order"
        ] + ["order"]
    return modelform_factory(model, form=ElementForm, fields=fields)  # type: ignore[return-value]


class VersionForm(forms.ModelForm):
    class Meta:
        model = StrategyVersion
        fields = [
            "approving_body",
            "decision_date",
            "valid_from",
            "valid_to",
            "mission",
            "vision",
            "change_note",
        ]
        widgets = {
            "decision_date": DateInput(),
            "valid_from": DateInput(),
            "valid_to": DateInput(),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        put_language_first(self, self.instance.strategy.unit.language)


class StrategyForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40, validators=[CODE_VALIDATOR])
    title = TranslatedTextField(label=_("Title"), max_length=300)
    valid_from = forms.DateField(label=_("Valid from"), required=False, widget=DateInput())
    valid_to = forms.DateField(label=_("Valid to"), required=False, widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The end date cannot be before the start date."))
        return data


class StrategyEditForm(forms.ModelForm):
    class Meta:
        model = Strategy
        fields = ["code", "title"]


class TransitionForm(forms.Form):
    status = forms.ChoiceField(label=_("New status"), choices=VersionStatus.choices)
    approving_body = TranslatedTextField(label=_("Approving body"), required=False)
    decision_date = forms.DateField(label=_("Decision date"), required=False, widget=DateInput())
