"""Forms for hand-entered values, approvals, the Excel template and period locks.

They only collect input; :mod:`soteria.indicators.manual` decides what is allowed.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.indicators import manual
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit


class UnitChoiceField(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj}"


def _unit_field(label: Any, help_text: Any = "") -> UnitChoiceField:
    return UnitChoiceField(label=label, queryset=OrgUnit.objects.none(), help_text=help_text)


class ValueForm(forms.Form):
    """One cell of the entry page: the value, "out of" for shares, a comment."""

    numerator = forms.FloatField(
        label=_("Value"), localize=True, widget=forms.TextInput(attrs={"inputmode": "decimal"})
    )
    denominator = forms.FloatField(
        label=_("Out of"),
        required=False,
        localize=True,
        widget=forms.TextInput(attrs={"inputmode": "decimal"}),
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=manual.COMMENT_MAX,
        widget=forms.TextInput(),
    )

    def __init__(self, *args: Any, share: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not share:
            del self.fields["denominator"]


class ReturnForm(forms.Form):
    note = forms.CharField(
        label=_("What needs correcting"),
        max_length=manual.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class TemplateForm(forms.Form):
    unit = _unit_field(_("Org unit"), _("The template lists this unit and every unit below it."))
    period = forms.ChoiceField(label=_("Period"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = access.units_for(  # type: ignore[attr-defined]
            user, Action.EDIT
        ).order_by("path")
        self.fields["period"].choices = [  # type: ignore[attr-defined]
            (p.code, p.code) for p in manual.period_choices()
        ]


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("Filled-in template"),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
        help_text=_("Nothing is saved unless every row is right; every problem is listed."),
    )
    submit = forms.BooleanField(
        label=_("Submit the values for approval"),
        required=False,
        help_text=_("Without this, uploaded values are saved as drafts."),
    )


class LockForm(forms.Form):
    unit = _unit_field(_("Org unit"), _("The lock covers this unit and every unit below it."))
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("202603 (month), 2026Q1 (quarter), 2026S1 (half-year) or 2026 (year)."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = manual.lock_units_for(  # type: ignore[attr-defined]
            user
        ).order_by("path")
