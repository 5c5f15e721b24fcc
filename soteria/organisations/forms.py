from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import put_language_first
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, Role, time_zone_names


class UnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "kind", "name", "parent", "language", "time_zone"]
        widgets = {"time_zone": forms.Select}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        parents = access.units_for(user, Action.ADMINISTER)
        if self.instance.pk:
            parents = parents.exclude(path__startswith=self.instance.path)
        self.fields["parent"].queryset = parents  # type: ignore[attr-defined]
        self.fields["parent"].label_from_instance = lambda u: f"{'— ' * u.depth}{u}"  # type: ignore[attr-defined]
        is_root = self.instance.pk is not None and self.instance.parent_id is None
        self.fields["parent"].required = not (user.is_superuser or is_root)
        parent = self.initial.get("parent")
        zone = self.fields["time_zone"]
        zone.required = False
        zone.widget.choices = [("", _("Same as the parent unit"))] + [  # type: ignore[attr-defined]
            (z, z) for z in time_zone_names()
        ]
        if not self.instance.pk and parent is not None:
            self.initial.setdefault("time_zone", parent.time_zone)
        language = self.instance.language if self.instance.pk else getattr(parent, "language", None)
        put_language_first(self, language)

    def clean_time_zone(self) -> str:
        """Left blank: the parent unit's zone (UTC at the top)."""
        zone: str = self.cleaned_data.get("time_zone") or ""
        if zone:
            return zone
        parent = self.cleaned_data.get("parent")
        if parent is not None:
            return str(parent.time_zone)
        return str(self.instance.time_zone or "UTC")


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int)

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user


class LogoForm(forms.Form):
    logo = forms.FileField(
        label=_("Logo"),
        required=False,
        help_text=_(
            "A PNG or JPEG image up to 2 MB; it is stored at most 600 pixels a side and shown "
            "on the review reports of this unit and the units below it."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    remove = forms.BooleanField(label=_("Remove the logo"), required=False)
