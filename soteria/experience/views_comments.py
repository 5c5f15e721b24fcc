"""Comment explorer pages. Thin: :mod:`soteria.experience.explorer` does the work."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language_info, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from soteria.experience import comment_jobs, comment_links, explorer
from soteria.experience.analysis import language, taxonomy
from soteria.experience.models import AnalysisRun, Comment, CommentLink, Sentiment
from soteria.indicators import periods
from soteria.organisations import access
from soteria.organisations.access import Action
from soteria.organisations.models import OrgUnit


def language_name(code: str) -> str:
    """A language's name in the interface language (Django's own list), or the code."""
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return code


class FilterForm(forms.Form):
    unit = forms.ModelChoiceField(
        label=gettext_lazy("Unit"), queryset=OrgUnit.objects.none(), required=False,
        to_field_name="code",
    )  # fmt: skip
    period = forms.CharField(
        label=gettext_lazy("Period"), max_length=7, required=False,
        help_text=gettext_lazy("2026, 2026S1, 2026Q2 or 202606; empty: all"),
    )  # fmt: skip
    theme = forms.ChoiceField(label=gettext_lazy("Theme"), required=False)
    sentiment = forms.ChoiceField(
        label=gettext_lazy("Sentiment"), required=False,
        choices=[("", gettext_lazy("any")), *Sentiment.choices],
    )  # fmt: skip
    language = forms.ChoiceField(label=gettext_lazy("Language"), required=False)
    q = forms.CharField(
        label=gettext_lazy("Search by meaning"), max_length=300, required=False,
        help_text=gettext_lazy("Finds comments that say the same in any language."),
    )  # fmt: skip
    page = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = self.fields["unit"]
        units.queryset = access.units_for(user).order_by("path")  # type: ignore[attr-defined]
        units.label_from_instance = lambda u: f"{'· ' * u.depth}{u.display_name}"  # type: ignore[attr-defined]
        themes = taxonomy.load().themes
        self.fields["theme"].choices = [("", _("any"))] + [  # type: ignore[attr-defined]
            (t.code, explorer.theme_name(t.code)) for t in themes
        ]
        self.fields["language"].choices = [("", _("any"))] + [  # type: ignore[attr-defined]
            (code, language_name(code)) for code in language.languages()
        ]

    def clean_period(self) -> periods.Period | None:
        code = (self.cleaned_data.get("period") or "").strip().upper()
        if not code:
            return None
        try:
            return periods.parse(code)
        except (ValueError, KeyError) as exc:
            raise ValidationError(
                _("Give a year, half-year, quarter or month, e.g. 2026S1.")
            ) from exc

    def filters(self) -> explorer.Filters:
        data = self.cleaned_data
        return explorer.Filters(
            unit=data.get("unit"),
            period=data.get("period"),
            theme=data.get("theme") or "",
            sentiment=data.get("sentiment") or "",
            language=data.get("language") or "",
            query=data.get("q") or "",
            page=data.get("page") or 1,
        )


def _crumbs(*tail: tuple[str, str | None]) -> list[tuple[str, str | None]]:
    return [(_("Patient experience"), reverse("experience-surveys")),
            (_("Comments"), reverse("experience-comments")), *tail]  # fmt: skip


def comment_list(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, user=request.user)
    result = None
    trend_rows: list[tuple[str, list[int]]] = []
    if form.is_bound and form.is_valid():
        filters = form.filters()
    elif not form.is_bound:
        filters = explorer.Filters()
    else:
        filters = None
    if filters is not None:
        result = explorer.explore(request.user, filters)
        months = result.months[-12:]
        trend_rows = [
            (name, [result.trend.get(code, {}).get(m, 0) for m in months])
            for code, name, _n in result.themes
        ]
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "experience/comments.html",
        {
            "form": form,
            "result": result,
            "trend_months": result.months[-12:] if result else [],
            "trend_rows": trend_rows,
            "query": query.urlencode(),
            "language_rows": [
                (language_name(code) if code else _("not recognised"), n)
                for code, n in (result.languages if result else [])
            ],
            "runs": AnalysisRun.objects.all()[:1],
            "breadcrumbs": _crumbs(),
        },
    )


def comment_groups(request: HttpRequest) -> HttpResponse:
    form = FilterForm(request.GET or None, user=request.user)
    found: list[explorer.Group] = []
    left_out = 0
    if not form.is_bound or form.is_valid():
        filters = form.filters() if form.is_bound else explorer.Filters()
        found, left_out = explorer.groups(request.user, filters)
    return render(
        request,
        "experience/comment_groups.html",
        {
            "form": form,
            "groups": found,
            "left_out": left_out,
            "query": request.GET.urlencode(),
            "breadcrumbs": _crumbs((_("Groups"), None)),
        },
    )


def _comment(request: HttpRequest, pk: int) -> Comment:
    comment = get_object_or_404(
        Comment.objects.select_related("response__unit", "question", "response__survey"), pk=pk
    )
    access.require(request.user, Action.VIEW, comment.response.unit)
    return comment


class LinkForm(forms.Form):
    initiative = forms.ChoiceField(label=gettext_lazy("Initiative"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)


class PracticeLinkForm(forms.Form):
    """Link to a good-practice case (posted with the prefix ``practice``)."""

    practice = forms.ChoiceField(label=gettext_lazy("Good-practice case"))
    note = forms.CharField(label=gettext_lazy("Note"), max_length=500, required=False)


def _practice_label(case: Any, comment: Comment) -> str:
    shared = comment_links.shares_theme(comment, case)
    mark = f" · {_('shares a theme')}" if shared else ""
    return f"{case.title} ({case.owner.display_name}){mark}"


def comment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    comment = _comment(request, pk)
    user = request.user
    may_edit = access.can(user, Action.EDIT, comment.response.unit)
    initiatives = comment_links.initiatives_for(comment) if may_edit else []
    practices = comment_links.practices_for(user, comment) if may_edit else []
    posted_practice = request.method == "POST" and "practice-practice" in request.POST
    form = LinkForm(request.POST if request.method == "POST" and not posted_practice else None)
    form.fields["initiative"].choices = [  # type: ignore[attr-defined]
        (str(i.pk), f"{i.code} · {i.label()}") for i in initiatives
    ]
    practice_form = PracticeLinkForm(request.POST if posted_practice else None, prefix="practice")
    practice_form.fields["practice"].choices = [  # type: ignore[attr-defined]
        (str(c.pk), _practice_label(c, comment)) for c in practices
    ]
    if request.method == "POST":
        if not may_edit:
            access.require(user, Action.EDIT, comment.response.unit)
        if posted_practice and practice_form.is_valid():
            chosen_case = next(
                c for c in practices if str(c.pk) == practice_form.cleaned_data["practice"]
            )
            try:
                comment_links.link_practice(
                    user, comment, chosen_case, practice_form.cleaned_data["note"]
                )
            except ValidationError as exc:
                for message in exc.messages:
                    practice_form.add_error("practice", message)
            else:
                messages.success(request, _("Linked to the good-practice case."))
                return redirect("experience-comment", pk=comment.pk)
        elif not posted_practice and form.is_valid():
            chosen = next(i for i in initiatives if str(i.pk) == form.cleaned_data["initiative"])
            try:
                comment_links.link(user, comment, chosen, form.cleaned_data["note"])
            except ValidationError as exc:
                for message in exc.messages:
                    form.add_error("initiative", message)
            else:
                messages.success(request, _("Linked to the initiative."))
                return redirect("experience-comment", pk=comment.pk)
    links = CommentLink.objects.filter(comment=comment).select_related(
        "initiative", "practice__owner"
    )
    return render(
        request,
        "experience/comment_detail.html",
        {
            "comment": comment,
            "theme_names": [explorer.theme_name(c) for c in comment.themes],
            "links": [link for link in links if link.initiative_id is not None],
            "practice_links": _readable_practice_links(user, links),
            "form": form if may_edit and initiatives else None,
            "practice_form": practice_form if may_edit and practices else None,
            "may_edit": may_edit,
            "language_name": language_name(comment.language) if comment.language else "",
            "breadcrumbs": _crumbs((_("Comment"), None)),
        },
    )


def _readable_practice_links(user: Any, links: Any) -> list[tuple[CommentLink, bool]]:
    """The comment's links to cases, each with whether the reader may open the case (a
    case the reader may not read is named by nothing but the fact of the link)."""
    from soteria.practices import selectors as practice_selectors

    out = []
    for link in links:
        if link.practice_id is None:
            continue
        out.append((link, practice_selectors.may_read(user, link.practice)))
    return out


@require_POST
def comment_unlink(request: HttpRequest, pk: int) -> HttpResponse:
    found = get_object_or_404(
        CommentLink.objects.select_related("comment__response__unit", "initiative", "practice"),
        pk=pk,
    )
    if not access.can(request.user, Action.VIEW, found.comment.response.unit):
        raise Http404
    comment_links.unlink(request.user, found)
    messages.success(request, _("Link removed."))
    return redirect("experience-comment", pk=found.comment_id)


def analysis_runs(request: HttpRequest) -> HttpResponse:
    """The analysis runs; anyone who leads a unit may start one for the pending comments."""
    may_start = access.units_for(request.user, Action.MANAGE).exists()
    if request.method == "POST":
        if not may_start:
            raise Http404
        comment_jobs.request(request.user)
        messages.success(request, _("Queued: the comments are analysed in the background."))
        return redirect("experience-analysis")
    return render(
        request,
        "experience/analysis_runs.html",
        {
            "runs": AnalysisRun.objects.select_related("requested_by")[:30],
            "may_start": may_start,
            "pending": comment_jobs.pending().count() if request.user.is_superuser else None,
            "version": comment_jobs.current_version(),
            "breadcrumbs": _crumbs((_("Analysis"), None)),
        },
    )
