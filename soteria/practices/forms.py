"""Forms of the good-practice pages (checks of meaning are the services')."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import DateInput
from soteria.experience import explorer
from soteria.experience.analysis import taxonomy
from soteria.indicators.models import IndicatorDefinition
from soteria.organisations.models import OrgUnit
from soteria.practices.models import MAX_TEXT, AdoptionStatus, CaseStatus


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{'· ' * obj.depth}{obj.display_name} ({obj.code})"


def theme_choices() -> list[tuple[str, str]]:
    """The comment taxonomy's themes, named in the interface language."""
    return [(t.code, explorer.theme_name(t.code)) for t in taxonomy.load().themes]


class CaseForm(forms.Form):
    owner = UnitChoice(
        queryset=OrgUnit.objects.none(),
        label=_("Developed at"),
        help_text=_("The unit where the practice was developed."),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(
        label=_("Summary"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Two or three sentences: what, where, with what result."),
    )
    problem = forms.CharField(
        label=_("The problem"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    practice = forms.CharField(
        label=_("What was done"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    results = forms.CharField(
        label=_("Results"),
        max_length=MAX_TEXT,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What changed, with figures where you have them."),
    )
    language = forms.ChoiceField(label=_("Written in"), choices=settings.LANGUAGES)
    themes = forms.MultipleChoiceField(
        label=_("Themes"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The patient-experience themes the practice answers."),
    )
    contact = forms.CharField(
        label=_("Contact"),
        max_length=200,
        required=False,
        help_text=_("Who to ask: a role, a team or an address."),
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit] | None = None, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["themes"].choices = theme_choices()  # type: ignore[attr-defined]
        if units is None:
            del self.fields["owner"]
        else:
            self.fields["owner"].queryset = units  # type: ignore[attr-defined]


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False,
                        help_text=_("Words in the title or summary."))  # fmt: skip
    theme = forms.ChoiceField(label=_("Theme"), required=False)
    language = forms.ChoiceField(label=_("Language"), required=False)
    unit = UnitChoice(
        queryset=OrgUnit.objects.none(),
        label=_("Developed at or below"),
        required=False,
        empty_label=_("any"),
        to_field_name="code",
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, units: QuerySet[OrgUnit], with_status: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["theme"].choices = [("", _("any")), *theme_choices()]  # type: ignore[attr-defined]
        self.fields["language"].choices = [("", _("any")), *settings.LANGUAGES]  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        if with_status:
            self.fields["status"].choices = [("", _("any")), *CaseStatus.choices]  # type: ignore[attr-defined]
        else:
            del self.fields["status"]


class AdoptForm(forms.Form):
    unit = UnitChoice(queryset=OrgUnit.objects.none(), label=_("Adopting unit"))
    status = forms.ChoiceField(
        label=_("Status"), choices=AdoptionStatus.choices, initial=AdoptionStatus.CONSIDERING
    )
    started_on = forms.DateField(
        label=_("Started on"),
        required=False,
        widget=DateInput(),
        help_text=_("Needed once the unit is putting it in place."),
    )
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class IndicatorChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: IndicatorDefinition) -> str:
        return f"{obj.code} · {obj.display_name}"


class AdoptionForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=AdoptionStatus.choices)
    started_on = forms.DateField(label=_("Started on"), required=False, widget=DateInput())
    note = forms.CharField(
        label=_("Note"), max_length=4000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    indicator = IndicatorChoice(
        queryset=IndicatorDefinition.objects.none(),
        label=_("Indicator to follow"),
        required=False,
        help_text=_("Its monthly values at the unit are compared before and after the start."),
    )

    def __init__(
        self, *args: Any, indicators: QuerySet[IndicatorDefinition], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["indicator"].queryset = indicators  # type: ignore[attr-defined]
