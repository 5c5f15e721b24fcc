"""Forms of the review report pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from soteria.organisations.models import OrgUnit
from soteria.reviews.models import NARRATIVE_FIELDS, ReviewReport


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:
        return f"{'· ' * obj.depth}{obj.code} · {obj.display_name}"


class ReportCreateForm(forms.Form):
    unit = UnitChoice(queryset=OrgUnit.objects.none(), label=_("Unit"))
    period = forms.CharField(
        label=_("Period"),
        max_length=7,
        help_text=_("A year (2026), a half-year (2026S1), a quarter (2026Q2) or a month (202606)."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200, required=False)
    for_publication = forms.BooleanField(
        label=_("For publication (suppress small numbers)"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class NarrativeForm(forms.ModelForm):
    class Meta:
        model = ReviewReport
        fields = ["title", "language", "for_publication", "suppression_k", *NARRATIVE_FIELDS]
        widgets = {
            name: forms.Textarea(attrs={"rows": 8, "class": "richtext", "data-richtext": "1"})
            for name in NARRATIVE_FIELDS
        }


class ReturnForm(forms.Form):
    review_note = forms.CharField(
        label=_("What should change"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class BulkForm(forms.Form):
    unit = UnitChoice(queryset=OrgUnit.objects.none(), label=_("Unit"))
    period = forms.CharField(label=_("Period"), max_length=7)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    depth = forms.IntegerField(
        label=_("Levels below"),
        min_value=1,
        max_value=6,
        initial=1,
        help_text=_("1: the units directly below; 2: and theirs; and so on."),
    )
    for_publication = forms.BooleanField(
        label=_("For publication (suppress small numbers)"), required=False
    )

    def __init__(self, *args: Any, units: QuerySet[OrgUnit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
