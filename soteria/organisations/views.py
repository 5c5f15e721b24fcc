"""Pages for the org-unit tree and memberships. Thin: forms in, services do the work."""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.organisations import access, services
from soteria.organisations.access import Action
from soteria.organisations.forms import LogoForm, MembershipForm, UnitForm
from soteria.organisations.models import CODE_PATTERN, Membership, OrgUnit
from soteria.strategy.selectors import strategies_governing


def unit_get(user: Any, code: str, action: Action = Action.VIEW) -> OrgUnit:
    unit = get_object_or_404(OrgUnit, code=code)
    access.require(user, action, unit)
    return unit


def unit_crumbs(unit: OrgUnit | None, user: Any) -> list[tuple[str, str | None]]:
    crumbs: list[tuple[str, str | None]] = [(_("Org units"), reverse("unit-tree"))]
    if unit is not None:
        for ancestor in unit.ancestors():
            if access.can(user, Action.VIEW, ancestor):
                crumbs.append((ancestor.display_name, reverse("unit-detail", args=[ancestor.code])))
    return crumbs


def _tree(units: list[OrgUnit]) -> list[dict[str, Any]]:
    """Nest a path-ordered list of units; units whose parent is out of reach become roots."""
    nodes: dict[int, dict[str, Any]] = {}
    roots: list[dict[str, Any]] = []
    for unit in units:
        node = {"unit": unit, "children": []}
        nodes[unit.pk] = node
        parent = nodes.get(unit.parent_id) if unit.parent_id else None
        (parent["children"] if parent else roots).append(node)

    def by_code(level: list[dict[str, Any]]) -> list[dict[str, Any]]:
        for node in level:
            node["children"] = by_code(node["children"])
        return sorted(level, key=lambda node: node["unit"].code)

    return by_code(roots)


def unit_tree(request: HttpRequest) -> HttpResponse:
    units = list(access.units_for(request.user).order_by("path"))
    return render(
        request,
        "organisations/unit_tree.html",
        {
            "tree": _tree(units),
            "can_create_root": request.user.is_superuser,  # type: ignore[union-attr]
            "breadcrumbs": [(_("Org units"), None)],
        },
    )


def unit_go(request: HttpRequest) -> HttpResponse:
    code = request.GET.get("code", "")
    if not code:
        return redirect("home")
    if not re.fullmatch(CODE_PATTERN, code):
        raise Http404
    return redirect("unit-detail", code)


def unit_detail(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(request.user, code)
    user = request.user
    children = unit.children.order_by("code")
    can_admin = access.can(user, Action.ADMINISTER, unit)
    return render(
        request,
        "organisations/unit_detail.html",
        {
            "unit": unit,
            "current_unit": unit,
            "children": children,
            "strategies": strategies_governing(user, unit),
            "memberships": unit.memberships.select_related("user") if can_admin else None,
            "my_role": access.role_on(user, unit),
            "can_admin": can_admin,
            "can_manage": access.can(user, Action.MANAGE, unit),
            "breadcrumbs": unit_crumbs(unit, user)[:-1] + [(unit.display_name, None)],
        },
    )


def unit_create(request: HttpRequest) -> HttpResponse:
    parent_code = request.GET.get("parent") or request.POST.get("parent_code")
    parent = unit_get(request.user, parent_code, Action.ADMINISTER) if parent_code else None
    if parent is None and not request.user.is_superuser:  # type: ignore[union-attr]
        raise access.PermissionDenied
    form = UnitForm(
        request.POST or None,
        user=request.user,
        initial={"parent": parent, "language": parent.language if parent else "en"},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        unit = apply_service(
            form,
            lambda: services.unit_create(
                actor=request.user,
                code=data["code"],
                kind=data["kind"],
                name=data["name"],
                parent=data["parent"],
                language=data["language"],
                time_zone=data["time_zone"],
            ),
        )
        if unit is not None:
            messages.success(request, _("Unit created."))
            return redirect("unit-detail", unit.code)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("New org unit"),
            "breadcrumbs": unit_crumbs(parent, request.user) + [(_("New org unit"), None)],
        },
    )


def unit_edit(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(request.user, code, Action.ADMINISTER)
    form = UnitForm(request.POST or None, instance=unit, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = OrgUnit.objects.get(pk=unit.pk)
        saved = apply_service(
            form, lambda: services.unit_update(actor=request.user, unit=fresh, **changes)
        )
        if saved is not None:
            messages.success(request, _("Unit saved."))
            return redirect("unit-detail", saved.code)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Edit %(name)s") % {"name": unit.display_name},
            "history_url": reverse("history", args=["organisations.orgunit", unit.pk]),
            "breadcrumbs": unit_crumbs(unit, request.user) + [(_("Edit"), None)],
        },
    )


def unit_logo(request: HttpRequest, code: str) -> HttpResponse:
    """Upload, replace or remove the unit's logo (administrators)."""
    from soteria.organisations.logo import logo_data_uri

    unit = unit_get(request.user, code, Action.ADMINISTER)
    form = LogoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data.get("logo")
        try:
            if form.cleaned_data.get("remove"):
                services.unit_logo_set(actor=request.user, unit=unit, logo="")
                messages.success(request, _("Logo removed."))
                return redirect("unit-detail", unit.code)
            if upload:
                logo = logo_data_uri(upload)
                services.unit_logo_set(actor=request.user, unit=unit, logo=logo)
                messages.success(request, _("Logo saved."))
                return redirect("unit-detail", unit.code)
            form.add_error("logo", _("Choose an image, or tick “Remove the logo”."))
        except ValidationError as error:
            for message in error.messages:
                form.add_error("logo", message)
    return render(
        request,
        "organisations/unit_logo.html",
        {
            "form": form,
            "unit": unit,
            "breadcrumbs": unit_crumbs(unit, request.user) + [(_("Logo"), None)],
        },
    )


def unit_delete(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(request.user, code, Action.ADMINISTER)
    if request.method == "POST":
        parent = unit.parent
        try:
            services.unit_delete(actor=request.user, unit=unit)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("unit-detail", unit.code)
        messages.success(request, _("Unit deleted."))
        return redirect("unit-detail", parent.code) if parent else redirect("unit-tree")
    return render(
        request,
        "web/confirm_delete.html",
        {"object": unit, "cancel_url": reverse("unit-detail", args=[unit.code])},
    )


def membership_add(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(request.user, code, Action.ADMINISTER)
    form = MembershipForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        result = apply_service(
            form,
            lambda: services.membership_set(
                actor=request.user,
                unit=unit,
                user=form.cleaned_data["username"],
                role=form.cleaned_data["role"],
            ),
        )
        if result is not None:
            messages.success(request, _("Role saved."))
            return redirect("unit-detail", unit.code)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Give a role on %(name)s") % {"name": unit.display_name},
            "breadcrumbs": unit_crumbs(unit, request.user) + [(_("Members"), None)],
        },
    )


@require_POST
def membership_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = get_object_or_404(Membership.objects.select_related("unit", "user"), pk=pk)
    services.membership_remove(actor=request.user, membership=membership)
    messages.success(request, _("Role removed."))
    return redirect("unit-detail", membership.unit.code)
