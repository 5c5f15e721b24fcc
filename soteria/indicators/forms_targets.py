"""Forms for targets: set or change one, upload a workbook."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.indicators.targets import NOTE_MAX_LENGTH
from soteria.organisations import access
from soteria.organisations.access import Action


class TargetForm(forms.Form):
    """A new target (unit and period chosen), or a change (``fixed=True``: value, band, note)."""

    unit: forms.ModelChoiceField[Any] = forms.ModelChoiceField(label=_("Org unit"), queryset=None)
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("202603 (month), 2026Q1 (quarter), 2026S1 (half-year) or 2026 (year)."),
    )
    value = forms.FloatField(label=_("Target"))
    tolerance = forms.FloatField(
        label=_("Amber tolerance"),
        min_value=0,
        initial=0,
        required=False,
        help_text=_(
            "How far on the wrong side of the target still counts as amber; "
            "beyond it is red. For indicators where neither direction is better, the "
            "value is green within this distance of the target and red outside it."
        ),
    )
    note = forms.CharField(
        label=_("Note"),
        required=False,
        max_length=NOTE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, user: Any, fixed: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if fixed:
            del self.fields["unit"]
            del self.fields["period"]
            return
        field = self.fields["unit"]
        field.queryset = access.units_for(user, Action.MANAGE).order_by("path")  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{'— ' * u.depth}{u}"  # type: ignore[attr-defined]


class TargetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Workbook"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_(
            "An .xlsx file whose first row names the columns code, unit, period, target, "
            "tolerance and note — as in the download. Either every row is imported or none."
        ),
    )
