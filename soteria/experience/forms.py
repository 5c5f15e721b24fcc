"""Forms of the survey builder and the import page."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import DateInput, TranslatedTextField
from soteria.experience import catalogue
from soteria.experience.models import QuestionKind
from soteria.experience.questions import DOMAINS
from soteria.organisations.models import OrgUnit

LANGUAGE_CHOICES = list(settings.LANGUAGES)


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: OrgUnit) -> str:  # type: ignore[override]
        return f"{'· ' * obj.depth}{obj.display_name} ({obj.code})"


class SurveyNewForm(forms.Form):
    owner = UnitChoiceField(label=_("Owner unit"), queryset=OrgUnit.objects.none())
    template = forms.ChoiceField(label=_("Start from"), required=False)
    code = forms.CharField(label=_("Code"), max_length=40, required=False)
    name = TranslatedTextField(label=_("Name"), max_length=200, required=False)
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("For a survey of your own; a template comes in all five."),
    )

    def __init__(self, *args: Any, owners: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners  # type: ignore[attr-defined]
        templates = catalogue.templates()
        choices = [("", _("An empty survey of my own"))] + [
            (code, t["name"].get("en", code)) for code, t in templates.items()
        ]
        self.fields["template"].choices = choices  # type: ignore[attr-defined]


class SurveyEditForm(forms.Form):
    name = TranslatedTextField(label=_("Name"), max_length=200)
    languages = forms.MultipleChoiceField(
        label=_("Languages"), choices=LANGUAGE_CHOICES, widget=forms.CheckboxSelectMultiple
    )


class QuestionForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=40)
    kind = forms.ChoiceField(label=_("Kind"), choices=QuestionKind.choices)
    text = TranslatedTextField(label=_("Question"), max_length=500, multiline=True)
    domain = forms.CharField(
        label=_("Domain"),
        max_length=40,
        required=False,
        help_text=_("Questions of one domain are scored together, e.g. %(examples)s.")
        % {"examples": ", ".join(list(DOMAINS)[:6])},
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    options = forms.CharField(
        label=_("Answers (single and multiple choice)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6, "class": "mono"}),
        help_text=_(
            "One per line: CODE | score 0–100 or empty | flags (positive, negative, excluded) "
            "| text in each of the survey's languages, in the order shown above. Very "
            "good/very poor and five-point questions take the standard answers."
        ),
    )


class IntroForm(forms.Form):
    intro = TranslatedTextField(
        label=_("Introduction"), max_length=2000, multiline=True, required=False
    )


class TranslateForm(forms.Form):
    text = forms.CharField(
        label=_("Question"), max_length=500, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args: Any, options: list[dict[str, Any]], language: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        for option in options:
            english = option.get("text", {}).get("en", "")
            self.fields[f"option_{option['code']}"] = forms.CharField(
                label=f"{option['code']}" + (f" — {english}" if english else ""),
                max_length=300,
                required=False,
            )


class DistributeForm(forms.Form):
    unit = UnitChoiceField(label=_("Unit"), queryset=OrgUnit.objects.none())
    opens_on = forms.DateField(label=_("Opens on"), required=False, widget=DateInput())
    closes_on = forms.DateField(
        label=_("Closes on"),
        required=False,
        widget=DateInput(),
        help_text=_("Leave empty to keep the link open until you close it."),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("File"),
        help_text=_(
            "CSV (one row per response) or FHIR R4 QuestionnaireResponse JSON (one resource "
            "or a Bundle of them)."
        ),
    )
    unit = UnitChoiceField(
        label=_("Unit"),
        queryset=OrgUnit.objects.none(),
        required=False,
        help_text=_("For FHIR responses and CSV rows that name no unit."),
    )
    link_map = forms.CharField(
        label=_("FHIR item mapping"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "class": "mono"}),
        help_text=_(
            "Only when the questionnaire's linkIds or answer codes differ from the survey's: "
            "one per line, linkId = QUESTION_CODE or linkId / answer code = ANSWER_CODE."
        ),
    )

    def __init__(self, *args: Any, units: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
