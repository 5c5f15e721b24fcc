from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from soteria.core.forms import put_language_first
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit, Role


class UnitForm(forms.ModelForm):
    class Meta:
        model = OrgUnit
        fields = ["code", "kind", "name", "parent", "language"]

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
        language = self.instance.language if self.instance.pk else getattr(parent, "language", None)
        put_language_first(self, language)


class MembershipForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.TypedChoiceField(label=_("Role"), choices=Role.choices, coerce=int)

    def clean_username(self) -> Any:
        username = self.cleaned_data["username"].strip()
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No active user has this user name."))
        return user
