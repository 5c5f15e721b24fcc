"""Strategy pages: the house, versions and every element's create/edit/delete."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.core.i18n import localise
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.views import unit_crumbs, unit_get
from soteria.strategy import selectors, services
from soteria.strategy.forms import (
    StrategyEditForm,
    StrategyForm,
    TransitionForm,
    VersionForm,
    element_form_class,
)
from soteria.strategy.models import (
    ELEMENTS_BY_SLUG,
    Element,
    Initiative,
    Strategy,
    StrategyVersion,
    VersionStatus,
)


def _version_crumbs(version: StrategyVersion, user: Any) -> list[tuple[str, str | None]]:
    unit = version.strategy.unit
    crumbs = unit_crumbs(unit, user) if access.can(user, Action.VIEW, unit) else []
    return crumbs + [
        (
            f"{localise(version.strategy.title)} v{version.number}",
            reverse("version-house", args=[version.pk]),
        )
    ]


def _element_url(element: Element) -> str:
    initiative = (
        element if isinstance(element, Initiative) else getattr(element, "initiative", None)
    )
    if initiative is not None:
        return reverse("initiative-detail", args=[initiative.pk])
    return reverse("version-house", args=[element.version_id]) + f"#{element.slug}-{element.pk}"


def _model(slug: str) -> type[Element]:
    try:
        return ELEMENTS_BY_SLUG[slug]
    except KeyError:
        raise Http404 from None


def strategy_house(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    strategy = version.strategy
    user = request.user
    return render(
        request,
        "strategy/house.html",
        {
            "version": version,
            "strategy": strategy,
            "house": selectors.house(version),
            "versions": strategy.versions.order_by("-number"),
            "can_edit": services.can_edit_element(user, _probe(version)),
            # units below the strategy's where the user may edit what they own
            "own_units": set(
                access.units_for(user, Action.EDIT)
                .filter(path__startswith=strategy.unit.path)
                .values_list("pk", flat=True)
            ),
            "can_manage": access.can(user, Action.MANAGE, strategy.unit),
            "current_unit": strategy.unit,
            "transitions": sorted(services.TRANSITIONS[version.status]),
            "breadcrumbs": _version_crumbs(version, user)[:-1]
            + [(f"{localise(strategy.title)} v{version.number}", None)],
        },
    )


def _probe(version: StrategyVersion) -> Element:
    """An unsaved element of the version, to ask "may this user edit this version's content"."""
    probe = ELEMENTS_BY_SLUG["value"](version=version)
    return probe


def strategy_create(request: HttpRequest, code: str) -> HttpResponse:
    unit = unit_get(request.user, code, Action.MANAGE)
    form = StrategyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        version = apply_service(
            form,
            lambda: services.strategy_create(
                actor=request.user,
                unit=unit,
                code=data["code"],
                title=data["title"],
                valid_from=data["valid_from"],
                valid_to=data["valid_to"],
            ),
        )
        if version is not None:
            messages.success(request, _("Strategy created as a draft."))
            return redirect("version-house", version.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("New strategy for %(unit)s") % {"unit": unit.display_name},
            "breadcrumbs": unit_crumbs(unit, request.user) + [(_("New strategy"), None)],
        },
    )


def _strategy_get(user: Any, pk: int, action: Action) -> Strategy:
    strategy = get_object_or_404(Strategy.objects.select_related("unit"), pk=pk)
    access.require_governed(user, action, strategy.unit)
    return strategy


def strategy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = _strategy_get(request.user, pk, Action.MANAGE)
    form = StrategyEditForm(request.POST or None, instance=strategy)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = Strategy.objects.get(pk=strategy.pk)
        saved = apply_service(
            form, lambda: services.strategy_update(actor=request.user, strategy=fresh, **changes)
        )
        if saved is not None:
            messages.success(request, _("Strategy saved."))
            current = saved.current_version()
            if current is not None:
                return redirect("version-house", current.pk)
            return redirect("unit-detail", saved.unit.code)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Edit strategy"),
            "subtitle": str(strategy),
            "history_url": reverse("history", args=["strategy.strategy", strategy.pk]),
            "delete_url": reverse("strategy-delete", args=[strategy.pk]),
            "breadcrumbs": unit_crumbs(strategy.unit, request.user) + [(_("Edit"), None)],
        },
    )


def strategy_delete(request: HttpRequest, pk: int) -> HttpResponse:
    strategy = _strategy_get(request.user, pk, Action.ADMINISTER)
    if request.method == "POST":
        try:
            services.strategy_delete(actor=request.user, strategy=strategy)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            current = strategy.current_version()
            return redirect("version-house", current.pk) if current else redirect("home")
        messages.success(request, _("Strategy deleted."))
        return redirect("unit-detail", strategy.unit.code)
    return render(
        request,
        "web/confirm_delete.html",
        {"object": strategy, "cancel_url": reverse("unit-detail", args=[strategy.unit.code])},
    )


def version_edit(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    access.require_governed(request.user, Action.MANAGE, version.strategy.unit)
    form = VersionForm(request.POST or None, instance=version)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = StrategyVersion.objects.get(pk=version.pk)
        saved = apply_service(
            form, lambda: services.version_update(actor=request.user, version=fresh, **changes)
        )
        if saved is not None:
            messages.success(request, _("Version saved."))
            return redirect("version-house", version.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Edit %(version)s") % {"version": version},
            "frozen_note": version.is_frozen,
            "history_url": reverse("history", args=["strategy.strategyversion", version.pk]),
            "breadcrumbs": _version_crumbs(version, request.user) + [(_("Edit"), None)],
        },
    )


def version_status(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    access.require_governed(request.user, Action.MANAGE, version.strategy.unit)
    form = TransitionForm(
        request.POST or None,
        initial={
            "status": request.GET.get("to"),
            "approving_body": version.approving_body,
            "decision_date": version.decision_date,
        },
    )
    allowed = services.TRANSITIONS[version.status]
    choices = [c for c in VersionStatus.choices if c[0] in allowed]
    form.fields["status"].choices = choices  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved = apply_service(
            form,
            lambda: services.version_transition(
                actor=request.user,
                version=version,
                status=data["status"],
                approving_body=data["approving_body"] or None,
                decision_date=data["decision_date"],
            ),
        )
        if saved is not None:
            messages.success(
                request, _("Version is now: %(status)s.") % {"status": saved.get_status_display()}
            )
            return redirect("version-house", version.pk)
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Change the status of %(version)s") % {"version": version},
            "breadcrumbs": _version_crumbs(version, request.user) + [(_("Status"), None)],
        },
    )


@require_POST
def version_copy(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    copy = services.version_copy(actor=request.user, version=version)
    messages.success(
        request,
        _("Draft version %(n)d created from version %(m)d.")
        % {"n": copy.number, "m": version.number},
    )
    return redirect("version-house", copy.pk)


def version_delete(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    access.require_governed(request.user, Action.MANAGE, version.strategy.unit)
    if request.method == "POST":
        strategy = version.strategy
        try:
            services.version_delete(actor=request.user, version=version)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect("version-house", version.pk)
        messages.success(request, _("Version deleted."))
        remaining = strategy.current_version()
        if remaining:
            return redirect("version-house", remaining.pk)
        return redirect("unit-detail", strategy.unit.code)
    return render(
        request,
        "web/confirm_delete.html",
        {"object": version, "cancel_url": reverse("version-house", args=[version.pk])},
    )


def version_compare(request: HttpRequest, pk: int) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    others = version.strategy.versions.exclude(pk=version.pk).order_by("-number")
    other_pk = request.GET.get("with") or (version.based_on_id or "")
    other = None
    if other_pk:
        try:
            other = others.get(pk=int(other_pk))
        except (ValueError, StrategyVersion.DoesNotExist):
            raise Http404 from None
    comparison = None
    if other is not None:
        old, new = (other, version) if other.number < version.number else (version, other)
        comparison = {"old": old, "new": new, **selectors.version_diff(old, new)}
    return render(
        request,
        "strategy/compare.html",
        {
            "version": version,
            "others": others,
            "other": other,
            "comparison": comparison,
            "breadcrumbs": _version_crumbs(version, request.user) + [(_("Compare"), None)],
        },
    )


def initiative_detail(request: HttpRequest, pk: int) -> HttpResponse:
    initiative = selectors.element_get(request.user, Initiative, pk)
    assert isinstance(initiative, Initiative)
    version = initiative.version
    return render(
        request,
        "strategy/initiative.html",
        {
            "initiative": initiative,
            "version": version,
            "funding": initiative.funding.all(),
            "budget": initiative.budget.all(),
            "milestones": initiative.milestones.all(),
            "deliverables": initiative.deliverables.all(),
            "can_edit": services.can_edit_element(request.user, initiative),
            "current_unit": version.strategy.unit,
            "breadcrumbs": _version_crumbs(version, request.user) + [(str(initiative), None)],
        },
    )


def element_create(request: HttpRequest, pk: int, slug: str) -> HttpResponse:
    version = selectors.version_get(request.user, pk)
    model = _model(slug)
    form_class = element_form_class(model)
    initial: dict[str, Any] = {}
    parent_id = request.GET.get("parent")
    if model.parent_field and parent_id:
        initial[model.parent_field] = parent_id
    if "owner_unit" in form_class.base_fields:
        initial["owner_unit"] = version.strategy.unit.pk
    if "currency" in form_class.base_fields:
        initial["currency"] = {"pl": "PLN", "da": "DKK", "vi": "VND"}.get(
            version.strategy.unit.language, "EUR"
        )
    strategy_unit = version.strategy.unit
    own_units = access.units_for(request.user, Action.EDIT).filter(
        path__startswith=strategy_unit.path
    )
    if "owner_unit" in form_class.base_fields and not access.can(
        request.user, Action.EDIT, strategy_unit
    ):
        initial["owner_unit"] = getattr(own_units.first(), "pk", strategy_unit.pk)
    form = form_class(request.POST or None, version=version, initial=initial)
    # Refuse before validating anything: who may create here depends on the parent and the
    # owner unit chosen (a department may add what it owns).
    source = request.POST if request.method == "POST" else request.GET
    probe = model(version=version)
    if model.parent_field:
        parent_pk = str(source.get(model.parent_field) or parent_id or "")
        parent_qs = form.fields[model.parent_field].queryset  # type: ignore[attr-defined]
        valid = parent_pk.isdigit() and len(parent_pk) < 18
        parent = parent_qs.filter(pk=int(parent_pk)).first() if valid else None
        if parent is not None:
            setattr(probe, model.parent_field, parent)
    owner_pk = str(source.get("owner_unit") or "")
    if "owner_unit" in form_class.base_fields and owner_pk.isdigit() and len(owner_pk) < 18:
        owner = strategy_unit.subtree().filter(pk=int(owner_pk)).first()
        if owner is not None:
            probe.owner_unit = owner  # type: ignore[attr-defined]
    allowed = services.can_edit_element(request.user, probe) or (
        request.method != "POST" and "owner_unit" in form_class.base_fields and own_units.exists()
    )
    if not allowed:
        if not access.reads_within(request.user, strategy_unit):
            raise Http404
        raise access.PermissionDenied
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.fields}
        element = apply_service(
            form,
            lambda: services.element_create(
                actor=request.user, version=version, model=model, **data
            ),
        )
        if element is not None:
            messages.success(
                request,
                _("%(kind)s created.") % {"kind": str(model._meta.verbose_name).capitalize()},
            )
            return redirect(_element_url(element))
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("New %(kind)s") % {"kind": model._meta.verbose_name},
            "frozen_note": version.is_frozen,
            "breadcrumbs": _version_crumbs(version, request.user)
            + [(_("New %(kind)s") % {"kind": model._meta.verbose_name}, None)],
        },
    )


def element_edit(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    model = _model(slug)
    element = selectors.element_get(request.user, model, pk)
    if not services.can_edit_element(request.user, element):
        raise access.PermissionDenied
    version = element.version
    form_class = element_form_class(model, progress_only=version.is_frozen)
    if version.status == VersionStatus.ARCHIVED:
        messages.error(request, _("This version is archived and can no longer be changed."))
        return redirect(_element_url(element))
    if version.is_frozen and not model.progress_fields:
        messages.info(
            request,
            _("This version is approved. Draft a new version to change the strategy itself."),
        )
        return redirect(_element_url(element))
    form = form_class(request.POST or None, instance=element, version=version)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        fresh = model.objects.get(pk=element.pk)
        saved = apply_service(
            form, lambda: services.element_update(actor=request.user, element=fresh, **changes)
        )
        if saved is not None:
            messages.success(request, _("Saved."))
            return redirect(_element_url(saved))
    return render(
        request,
        "web/form.html",
        {
            "form": form,
            "title": _("Edit %(kind)s") % {"kind": model._meta.verbose_name},
            "subtitle": str(element),
            "frozen_note": version.is_frozen,
            "history_url": reverse("history", args=[f"strategy.{model._meta.model_name}", pk]),
            "delete_url": None if version.is_frozen else reverse("element-delete", args=[slug, pk]),
            "breadcrumbs": _version_crumbs(version, request.user) + [(str(element), None)],
        },
    )


def element_delete(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    model = _model(slug)
    element = selectors.element_get(request.user, model, pk)
    if not services.can_edit_element(request.user, element):
        raise access.PermissionDenied
    back = _element_url(element)
    if request.method == "POST":
        parent = element.parent_element()
        try:
            services.element_delete(actor=request.user, element=element)
        except ValidationError as error:
            for message in error.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, _("Deleted."))
        if isinstance(element, Initiative) or parent is None:
            return redirect("version-house", element.version_id)
        return redirect(_element_url(parent))
    return render(request, "web/confirm_delete.html", {"object": element, "cancel_url": back})
