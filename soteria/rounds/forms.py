"""Forms of update rounds. They only collect input; :mod:`soteria.rounds.services` decides
what is allowed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import DateInput
from soteria.organisations.models import OrgUnit
from soteria.rounds import selectors
from soteria.rounds.models import COMMENTARY_MAX
from soteria.strategy.models import InitiativeStatus


class UnitChoiceField(forms.ModelChoiceField[Any]):
    def label_from_instance(self, obj: Any) -> str:
        return f"{'— ' * obj.depth}{obj}"


class RoundOpenForm(forms.Form):
    unit = UnitChoiceField(
        label=_("Org unit"),
        queryset=OrgUnit.objects.none(),
        help_text=_("The unit and every unit below it take part."),
    )
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("For example 2026Q1 (quarter), 202603 (month), 2026S1 or 2026."),
    )
    due = forms.DateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = selectors.quality_units(  # type: ignore[attr-defined]
            user
        ).order_by("path")


class InitiativeUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=InitiativeStatus.choices)
    commentary = forms.CharField(
        label=_("Commentary"),
        max_length=COMMENTARY_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What happened this period, what is next, what is in the way."),
    )
