"""The comment explorer: patients' comments filtered, counted, searched and grouped.

:func:`explore` takes the comments the user may read (a role on the unit the response was
given for, or above it), narrows them by unit subtree, period, theme, sentiment and language,
and returns one page of them with the counts of the whole selection (themes, sentiments,
languages), each theme's count per month, and — when a search text is given — the comments
closest in meaning to it in any language (cosine similarity of the multilingual embeddings
stored with each analysed comment). :func:`groups` clusters the selection's comments by
meaning (comments not yet analysed have no vector and are left out, and said so).

Everything is computed from the database rows and the stored vectors: no model runs here
except the embedding of the search text.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.db.models import QuerySet
from django.utils import timezone

from soteria.experience.analysis import taxonomy
from soteria.experience.models import Comment
from soteria.indicators.periods import Period
from soteria.organisations import access
from soteria.organisations.models import OrgUnit

MAX_SEARCHED = 20_000
"""Vectors compared for one search (the newest comments of the selection)."""
MAX_GROUPED = 2_000
"""Comments clustered at once (the newest of the selection)."""
PAGE = 50


@dataclass(frozen=True)
class Filters:
    unit: OrgUnit | None = None
    period: Period | None = None
    theme: str = ""
    sentiment: str = ""
    language: str = ""
    query: str = ""
    page: int = 1


@dataclass
class Row:
    comment: Comment
    score: float | None = None
    """Similarity to the search text (searches only)."""

    @property
    def theme_names(self) -> list[str]:
        return [theme_name(code) for code in self.comment.themes]


@dataclass
class Exploration:
    rows: list[Row]
    total: int
    """Comments in the selection (before the search and the page)."""
    found: int
    """Comments shown over all pages (the search hits, or the selection)."""
    themes: list[tuple[str, str, int]] = field(default_factory=list)
    """(code, name, count), most frequent first."""
    sentiments: dict[str, int] = field(default_factory=dict)
    languages: list[tuple[str, int]] = field(default_factory=list)
    trend: dict[str, dict[str, int]] = field(default_factory=dict)
    """Theme code → month (``YYYY-MM``) → comments."""
    months: list[str] = field(default_factory=list)
    not_analysed: int = 0
    pages: int = 1


def theme_name(code: str, language: str | None = None) -> str:
    from django.utils import translation

    try:
        theme = taxonomy.load().theme(code)
    except KeyError:
        return code
    return theme.name((language or translation.get_language() or "en").split("-")[0])


def visible(user: Any) -> QuerySet[Comment]:
    """Comments of responses given for units the user may read."""
    rows = Comment.objects.select_related("response__unit", "question")
    return access.filter_by_unit(rows, user, unit_field="response__unit")


def selection(user: Any, filters: Filters) -> QuerySet[Comment]:
    rows = visible(user)
    if filters.unit is not None:
        rows = rows.filter(response__unit__path__startswith=filters.unit.path)
    if filters.period is not None:
        start = _aware(filters.period.start)
        end = _aware(filters.period.end)
        rows = rows.filter(response__submitted_at__gte=start, response__submitted_at__lt=end)
    if filters.sentiment:
        rows = rows.filter(sentiment=filters.sentiment)
    if filters.language:
        rows = rows.filter(language=filters.language)
    return rows


def _aware(day: Any) -> Any:
    import datetime as dt

    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def _theme_filter(rows: list[Any], theme: str) -> list[Any]:
    return [r for r in rows if theme in (r["themes"] or [])] if theme else rows


def explore(user: Any, filters: Filters) -> Exploration:
    """One page of the selection with its counts (see the module)."""
    rows = selection(user, filters)
    facts: list[Any] = list(
        rows.values(
            "pk", "themes", "sentiment", "language", "analysis_version", "response__submitted_at"
        )
    )
    facts = _theme_filter(facts, filters.theme)  # JSON lists: checked here, on any database
    total = len(facts)
    theme_counts: Counter[str] = Counter()
    trend: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    months: set[str] = set()
    for fact in facts:
        month = timezone.localtime(fact["response__submitted_at"]).strftime("%Y-%m")
        months.add(month)
        for code in fact["themes"] or []:
            theme_counts[code] += 1
            trend[code][month] += 1
    sentiments = Counter(f["sentiment"] or "" for f in facts)
    languages = Counter(f["language"] or "" for f in facts)
    not_analysed = sum(1 for f in facts if not f["analysis_version"])
    ids = [f["pk"] for f in sorted(facts, key=lambda f: f["response__submitted_at"], reverse=True)]
    scores: dict[int, float] = {}
    if filters.query.strip():
        ids, scores = _search(filters.query, ids[:MAX_SEARCHED])
    pages = max(1, -(-len(ids) // PAGE))
    page = min(max(filters.page, 1), pages)
    shown = ids[(page - 1) * PAGE : page * PAGE]
    by_pk = Comment.objects.select_related("response__unit", "question").in_bulk(shown)
    return Exploration(
        rows=[Row(by_pk[pk], scores.get(pk)) for pk in shown if pk in by_pk],
        total=total,
        found=len(ids),
        themes=[(code, theme_name(code), n) for code, n in theme_counts.most_common()],
        sentiments={k: sentiments.get(k, 0) for k in ("positive", "neutral", "negative", "")},
        languages=sorted(languages.items(), key=lambda kv: (-kv[1], kv[0])),
        trend={code: dict(per_month) for code, per_month in trend.items()},
        months=sorted(months),
        not_analysed=not_analysed,
        pages=pages,
    )


def _vectors(ids: list[int]) -> tuple[list[int], np.ndarray]:
    from soteria.experience.analysis.analyse import vector_from_bytes

    kept, vectors = [], []
    for pk, data in Comment.objects.filter(pk__in=ids, vector__isnull=False).values_list(
        "pk", "vector"
    ):
        if data is None:
            continue
        try:
            vectors.append(vector_from_bytes(bytes(data)))
        except ValueError:
            continue
        kept.append(pk)
    matrix = np.vstack(vectors) if vectors else np.zeros((0, 384), dtype=np.float32)
    return kept, matrix


SEARCH_MIN_SCORE = 0.85
"""Cosine similarity a hit needs: multilingual-e5 scores unrelated sentences about
0.75–0.80 and the same sentence in another language 0.88–0.94 (``shared/MODELS.md``), so
the cut lies between. At 0.80, 94 of 99 demo comments matched "czekałem długo"."""


def _search(query: str, ids: list[int]) -> tuple[list[int], dict[int, float]]:
    from soteria.experience.analysis.search import search

    kept, matrix = _vectors(ids)
    hits = search(query, matrix, top_k=len(kept), min_score=SEARCH_MIN_SCORE)
    ordered = [kept[h.index] for h in hits]
    return ordered, {kept[h.index]: h.score for h in hits}


@dataclass(frozen=True)
class Group:
    size: int
    top_theme: str
    central: list[Comment]
    cohesion: float


def groups(user: Any, filters: Filters) -> tuple[list[Group], int]:
    """Clusters of the selection's newest analysed comments, and how many were left out
    (not analysed yet)."""
    from soteria.experience.analysis.cluster import cluster

    facts = _theme_filter(
        list[Any](
            selection(user, filters)
            .order_by("-response__submitted_at")
            .values("pk", "themes", "analysis_version")[: MAX_GROUPED * 2]
        ),
        filters.theme,
    )[:MAX_GROUPED]
    left_out = sum(1 for f in facts if not f["analysis_version"])
    ids, matrix = _vectors([f["pk"] for f in facts if f["analysis_version"]])
    themes_of = {f["pk"]: f["themes"] or [] for f in facts}
    found = cluster(matrix, [themes_of[pk] for pk in ids]) if len(ids) >= 2 else []
    comments = Comment.objects.select_related("response__unit").in_bulk(
        [ids[i] for c in found for i in c.central]
    )
    out = [
        Group(
            size=c.size,
            top_theme=theme_name(c.top_theme) if c.top_theme else "",
            central=[comments[ids[i]] for i in c.central],
            cohesion=c.cohesion,
        )
        for c in found
    ]
    return out, left_out
