from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.warehouse.models import ImportRecord, MappingKind, UnitMapping
from soteria.warehouse.selectors import UnknownIdentifier


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


class UnknownIdentifiersForm(forms.Form):
    """A unit chooser for each identifier an import did not know (fields ``unit_0``, …).

    The choices are the units the user may manage within the import's unit subtree — the
    rule the import itself enforces. A row left empty is skipped; rows mapped since the
    import start with their current unit (when the user may see it).
    """

    def __init__(
        self,
        *args: Any,
        user: Any,
        record: ImportRecord,
        unknowns: list[UnknownIdentifier],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.unknowns = unknowns
        depth = record.unit.depth
        # Read the units once: one chooser per row would otherwise query them per row.
        self.units = {
            unit.pk: unit for unit in _units(user).filter(path__startswith=record.unit.path)
        }
        choices = [("", _("— not now —"))] + [
            (pk, f"{'— ' * (unit.depth - depth)}{unit}") for pk, unit in self.units.items()
        ]
        current = {
            (m.kind, m.identifier): m
            for m in access.filter_by_unit(UnitMapping.objects.select_related("unit"), user).filter(
                source_system=record.source_system,
                identifier__in=[u.identifier for u in unknowns],
            )
        }
        self.current: list[UnitMapping | None] = []
        for position, unknown in enumerate(unknowns):
            mapping = current.get((unknown.kind, unknown.identifier))
            self.current.append(mapping)
            self.fields[self.field_name(position)] = forms.TypedChoiceField(
                label=_("Org unit for %(identifier)s") % {"identifier": unknown.identifier},
                choices=choices,
                coerce=int,
                empty_value=None,
                required=False,
                initial=mapping.unit_id if mapping is not None else None,
            )

    @staticmethod
    def field_name(position: int) -> str:
        return f"unit_{position}"

    def rows(self) -> list[tuple[UnknownIdentifier, Any, UnitMapping | None]]:
        """(unknown, bound field, current mapping) for the template."""
        return [
            (unknown, self[self.field_name(i)], self.current[i])
            for i, unknown in enumerate(self.unknowns)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(
            data.get(self.field_name(i)) for i in range(len(self.unknowns))
        ):
            raise forms.ValidationError(_("Choose a unit for at least one identifier."))
        return data

    def chosen(self) -> list[tuple[str, str, OrgUnit]]:
        """(kind, identifier, unit) of the rows given a unit, in order."""
        return [
            (unknown.kind, unknown.identifier, unit)
            for i, unknown in enumerate(self.unknowns)
            if (unit := self.units.get(self.cleaned_data.get(self.field_name(i)) or 0))
        ]

    def chosen_positions(self) -> list[int]:
        return [
            i
            for i in range(len(self.unknowns))
            if self.cleaned_data.get(self.field_name(i)) in self.units
        ]
