from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.warehouse.models import MappingKind


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget", MultipleFileInput(attrs={"accept": ".ndjson,.json,.jsonl,.csv,.toml"})
        )
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data]
        return [single(data, initial)]


def _units(user: Any) -> Any:
    return access.units_for(user, Action.EDIT).order_by("path")


class UploadForm(forms.Form):
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(
        label=_("Org unit"),
        queryset=None,
        help_text=_("Every record must belong to this unit or a unit below it."),
    )
    source_system = forms.CharField(
        label=_("Source system"),
        max_length=100,
        help_text=_(
            "The system the export comes from, e.g. the hospital information system. "
            "Re-importing from the same source replaces records, never duplicates them."
        ),
    )
    uploads = MultipleFileField(
        label=_("Files"),
        help_text=_(
            "FHIR R4 bulk-data NDJSON files (one per resource type, e.g. "
            "Patient.ndjson, Encounter.ndjson) or Bundles (.json); or CSV exports "
            "(ed_arrivals.csv, bed_capacity.csv, waiting_list.csv, encounters.csv), "
            "optionally with your column-mapping file (.toml)."
        ),
    )
    allow_partial = forms.BooleanField(
        label=_("Import the valid records and quarantine the rejected ones"),
        required=False,
        help_text=_("Without this, nothing is imported when any record is rejected."),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = _units(user)  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{'— ' * u.depth}{u}"  # type: ignore[attr-defined]


class MappingForm(forms.Form):
    source_system = forms.CharField(label=_("Source system"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=MappingKind.choices)
    identifier = forms.CharField(
        label=_("Identifier or code"),
        max_length=300,
        help_text=_("For FHIR identifiers write system|value, as reported by the import."),
    )
    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Org unit"), queryset=None)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["unit"]
        field.queryset = _units(user)  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{'— ' * u.depth}{u}"  # type: ignore[attr-defined]
