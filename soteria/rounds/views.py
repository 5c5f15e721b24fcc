"""Update-round pages. Thin: forms in, :mod:`soteria.rounds.services` does the work and the
checks; :mod:`soteria.rounds.selectors` answers 404 for a round out of the user's reach."""

from __future__ import annotations

import csv
import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from soteria.core.forms import apply_service
from soteria.indicators import manual, periods
from soteria.indicators.periods import PeriodType
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit
from soteria.rounds import selectors, services
from soteria.rounds.forms import InitiativeUpdateForm, RoundOpenForm
from soteria.rounds.models import UpdateRound
from soteria.rounds.services import InitiativeItem, State, Todo
from soteria.strategy.models import Initiative


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Update rounds"), reverse("round-list")), *tail]


def _detail_url(update_round: UpdateRound) -> str:
    return reverse("round-detail", args=[update_round.pk])


def _messages(request: HttpRequest, error: ValidationError) -> None:
    for message in error.messages:
        messages.error(request, message)


# --- list and opening -------------------------------------------------------------------


def round_list(request: HttpRequest) -> HttpResponse:
    """Rounds the user takes part in, newest period first, with their open items."""
    user = request.user
    rounds = list(selectors.rounds_for(user))
    mine = services.items_for(user, [r for r in rounds if r.is_open])
    today = timezone.localdate()
    rows = [
        {
            "round": r,
            "open": mine.open_in(r),
            "overdue": r.is_overdue(today),
            "quality": selectors.is_quality(user, r.unit),
        }
        for r in rounds
    ]
    return render(
        request,
        "rounds/round_list.html",
        {
            "rows": rows,
            "may_open": selectors.quality_units(user).exists(),
            "breadcrumbs": _crumbs(),
        },
    )


def round_open(request: HttpRequest) -> HttpResponse:
    """Open a round: quality managers (or above) on the chosen unit."""
    user = request.user
    if not selectors.quality_units(user).exists():
        raise PermissionDenied
    today = timezone.localdate()
    initial: dict[str, Any] = {
        "period": periods.last_complete(PeriodType.QUARTER, today).code,
        "due": today + dt.timedelta(days=14),
    }
    if request.GET.get("unit"):
        unit = get_object_or_404(OrgUnit, code=request.GET["unit"])
        access.require(user, Action.VIEW, unit)
        initial["unit"] = unit.pk
    form = RoundOpenForm(request.POST or None, user=user, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        opened = apply_service(
            form,
            lambda: services.round_open(user, data["unit"], data["period"], data["due"]),
        )
        if opened is not None:
            messages.success(
                request,
                _("The update round %(period)s for %(unit)s is open; updates are due by %(due)s.")
                % {
                    "period": opened.period,
                    "unit": opened.unit.display_name,
                    "due": opened.due.isoformat(),
                },
            )
            return redirect(_detail_url(opened))
    return render(
        request,
        "rounds/round_form.html",
        {"form": form, "breadcrumbs": _crumbs((_("Open a round"), None))},
        status=400 if request.method == "POST" else 200,
    )


# --- my updates -------------------------------------------------------------------------


def _detail_page(
    request: HttpRequest,
    update_round: UpdateRound,
    bound: tuple[str, InitiativeUpdateForm] | None = None,
) -> HttpResponse:
    user = request.user
    mine = services.my_items(user, update_round)
    values = mine.values
    groups = [
        ("enter", _("Values to enter"), [v for v in values if v.todo == Todo.ENTER]),
        ("approve", _("Values to approve"), [v for v in values if v.todo == Todo.APPROVE]),
        ("waiting", _("Waiting for approval"), [v for v in values if v.todo == Todo.WAIT]),
        (
            "missing",
            _("Not entered when the round closed"),
            [v for v in values if v.state != State.DONE and v.todo == Todo.NOTHING],
        ),
        ("done", _("Approved"), [v for v in values if v.state == State.DONE]),
    ]
    matched = False
    for item in mine.initiatives:
        form: InitiativeUpdateForm | None = None
        if bound is not None and bound[0] == item.key:
            form, matched = bound[1], True
        elif update_round.is_open:
            initial = {"status": item.initiative.status}
            if item.update is not None:
                initial = {"status": item.update.status, "commentary": item.update.commentary}
            form = InitiativeUpdateForm(initial=initial, prefix=item.key)
        item.form = form  # type: ignore[attr-defined]
    if bound is not None and not matched:
        for error in bound[1].non_field_errors():
            messages.error(request, str(error))
    return render(
        request,
        "rounds/round_detail.html",
        {
            "round": update_round,
            "mine": mine,
            "tally": mine.tally(),
            "groups": [g for g in groups if g[2]],
            "initiatives": mine.initiatives,
            "overdue": update_round.is_overdue(),
            "quality": selectors.is_quality(user, update_round.unit),
            "closed_message": None
            if update_round.is_open
            else services.closed_message(update_round),
            "breadcrumbs": _crumbs((str(update_round), None)),
        },
        status=400 if bound is not None else 200,
    )


def round_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """My updates in the round: values to enter and approve, initiatives to update."""
    return _detail_page(request, selectors.round_get(request.user, pk))


@require_POST
def initiative_update(request: HttpRequest, pk: int, initiative_pk: int) -> HttpResponse:
    update_round = selectors.round_get(request.user, pk)
    initiative = get_object_or_404(
        Initiative.objects.select_related("owner_unit", "version"), pk=initiative_pk
    )
    access.require(request.user, Action.EDIT, initiative.owner_unit)
    if not update_round.is_open:
        messages.error(request, services.closed_message(update_round))
        return redirect(_detail_url(update_round))
    key = InitiativeItem(update_round, initiative, None).key
    form = InitiativeUpdateForm(request.POST, prefix=key)
    if form.is_valid():
        data = form.cleaned_data
        saved = apply_service(
            form,
            lambda: services.initiative_update_save(
                request.user, update_round, initiative, data["status"], data["commentary"]
            ),
        )
        if saved is not None:
            messages.success(
                request,
                _("%(code)s: your update for %(period)s is saved.")
                % {"code": initiative.code, "period": update_round.period},
            )
            return redirect(f"{_detail_url(update_round)}#{key}")
    return _detail_page(request, update_round, bound=(key, form))


# --- the quality office -----------------------------------------------------------------


def _quality_round(request: HttpRequest, pk: int) -> UpdateRound:
    update_round = selectors.round_get(request.user, pk)  # 404 out of reach
    if not selectors.is_quality(request.user, update_round.unit):
        raise PermissionDenied
    return update_round


def round_completion(request: HttpRequest, pk: int) -> HttpResponse:
    """Done / waiting / missing per unit and per owner."""
    update_round = _quality_round(request, pk)
    return render(
        request,
        "rounds/completion.html",
        {
            "round": update_round,
            "result": services.completion(update_round),
            "breadcrumbs": _crumbs(
                (str(update_round), _detail_url(update_round)), (_("Completion"), None)
            ),
        },
    )


def round_completion_csv(request: HttpRequest, pk: int) -> HttpResponse:
    update_round = _quality_round(request, pk)
    rows = services.completion_csv(services.completion(update_round))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    name = f"round_{update_round.unit.code}_{update_round.period}_completion.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    csv.writer(response).writerows(rows)
    return response


@require_POST
def round_close(request: HttpRequest, pk: int) -> HttpResponse:
    update_round = selectors.round_get(request.user, pk)
    open_items = None
    if selectors.is_quality(request.user, update_round.unit):
        open_items = services.completion(update_round).total.open
    try:
        closed = services.round_close(request.user, update_round)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(
            request,
            _("The round is closed and %(period)s is locked for %(unit)s and the units below it.")
            % {"period": closed.period, "unit": closed.unit.display_name},
        )
        if open_items:
            messages.warning(
                request,
                ngettext(
                    "%(n)d item was not done; it stays as it is.",
                    "%(n)d items were not done; they stay as they are.",
                    open_items,
                )
                % {"n": open_items},
            )
    return redirect(_detail_url(update_round))


@require_POST
def round_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    update_round = selectors.round_get(request.user, pk)
    try:
        reopened = services.round_reopen(request.user, update_round)
    except ValidationError as error:
        _messages(request, error)
    else:
        messages.success(
            request,
            _("The round is open again and %(period)s is unlocked for %(unit)s.")
            % {"period": reopened.period, "unit": reopened.unit.display_name},
        )
        lock = manual.lock_covering(reopened.unit, reopened.period)
        if lock is not None:
            messages.warning(
                request,
                _("%(period)s is still locked for %(unit)s by another lock.")
                % {"period": lock.period, "unit": lock.unit.display_name},
            )
    return redirect(_detail_url(update_round))
