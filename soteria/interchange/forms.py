"""Forms of the DHIS2 interchange pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition
from soteria.interchange.dhis2 import is_uid
from soteria.interchange.fhir_measure import period_codes_between
from soteria.interchange.models import Dhis2Mapping, IdScheme, MappingKind
from soteria.organisations.models import OrgUnit


class MappingForm(forms.ModelForm):
    class Meta:
        model = Dhis2Mapping
        fields = ["kind", "local_code", "remote_id", "id_scheme"]

    def __init__(self, *args: Any, owner: OrgUnit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.instance.owner = owner

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        kind, code = data.get("kind"), data.get("local_code")
        remote = data.get("remote_id")
        if data.get("id_scheme") == IdScheme.UID and remote and not is_uid(remote):
            self.add_error(
                "remote_id", _("A DHIS2 UID is 11 letters and digits, starting with a letter.")
            )
        units = OrgUnit.objects.filter(code=code, path__startswith=self.owner.path)
        if kind == MappingKind.UNIT and code and not units.exists():
            self.add_error("local_code", _("No unit of this organisation has this code."))
        known = IndicatorDefinition.objects.filter(code=code)
        if kind == MappingKind.INDICATOR and code and not known.exists():
            self.add_error("local_code", _("No indicator has this code."))
        for fields in (("local_code",), ("remote_id",)):
            value = data.get(fields[0])
            if value and kind:
                clash = Dhis2Mapping.objects.filter(
                    owner=self.owner, kind=kind, **{fields[0]: value}
                ).exclude(pk=self.instance.pk)
                if clash.exists():
                    self.add_error(fields[0], _("This is already mapped."))
        return data


class ExportForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Mappings of"))
    indicators = forms.ModelMultipleChoiceField(
        queryset=IndicatorDefinition.objects.filter(active=True), label=_("Indicators")
    )
    unit = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Unit"))
    period_from = forms.CharField(label=_("From period"), help_text=_("e.g. 202601 or 2026Q1"))
    period_to = forms.CharField(label=_("To period"), help_text=_("same type as “from”"))
    id_scheme = forms.ChoiceField(choices=IdScheme.choices, initial=IdScheme.UID)
    data_set = forms.CharField(label=_("DHIS2 data set (optional)"), required=False)

    def __init__(
        self, *args: Any, owners: Any, units: Any, definitions: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if definitions is not None:  # other organisations' own indicators are not offered
            self.fields["indicators"].queryset = definitions  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("period_from"), data.get("period_to")
        if first and last:
            try:
                start, stop = periods.parse(first), periods.parse(last)
            except ValueError as error:
                raise forms.ValidationError(str(error)) from None
            if start.type != stop.type:
                raise forms.ValidationError(_("Both periods must be of the same type."))
            if stop < start:
                raise forms.ValidationError(_("“To” comes before “from”."))
        return data


class ImportForm(forms.Form):
    owner = forms.ModelChoiceField(queryset=OrgUnit.objects.none(), label=_("Mappings of"))
    file = forms.FileField(label=_("dataValueSets JSON file"))
    submit = forms.BooleanField(label=_("Also submit for approval"), required=False)

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]


class MeasureExportForm(forms.Form):
    """Indicators × units (optionally with the units below) × a period range, and the
    language of the texts: the selection of the FHIR and Excel exports."""

    indicators = forms.ModelMultipleChoiceField(
        queryset=IndicatorDefinition.objects.none(),
        label=_("Indicators"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    units = forms.ModelMultipleChoiceField(
        queryset=OrgUnit.objects.none(),
        label=_("Units"),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    sub_units = forms.BooleanField(label=_("Also the units below them"), required=False)
    period_from = forms.CharField(label=_("From period"), help_text=_("e.g. 202601 or 2026Q1"))
    period_to = forms.CharField(label=_("To period"), help_text=_("same type as “from”"))
    language = forms.ChoiceField(label=_("Language of names and descriptions"), choices=())

    def __init__(self, *args: Any, definitions: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = definitions  # type: ignore[attr-defined]
        self.fields["units"].queryset = units  # type: ignore[attr-defined]
        language = self.fields["language"]
        language.choices = settings.LANGUAGES  # type: ignore[attr-defined]
        language.initial = (translation.get_language() or settings.LANGUAGE_CODE).split("-")[0]
        self.period_codes: list[str] = []

    def _period(self, name: str) -> str:
        code = str(self.cleaned_data.get(name) or "").strip()
        try:
            return periods.parse(code).code
        except ValueError:
            raise forms.ValidationError(
                _("'%(code)s' is not a period: use 202603 (month), 2026Q1, 2026S1 or 2026."),
                params={"code": code},
            ) from None

    def clean_period_from(self) -> str:
        return self._period("period_from")

    def clean_period_to(self) -> str:
        return self._period("period_to")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("period_from"), data.get("period_to")
        if first and last:
            try:
                self.period_codes = period_codes_between(first, last)
            except ValueError as error:
                self.add_error("period_to", str(error))
        return data


class WorkbookExportForm(MeasureExportForm):
    file_format = forms.ChoiceField(
        label=_("Format"),
        choices=[
            ("xlsx", _("Excel workbook (values, targets, about)")),
            ("csv", _("CSV (the values table)")),
            ("targets_csv", _("CSV (the targets table)")),
        ],
        initial="xlsx",
    )
