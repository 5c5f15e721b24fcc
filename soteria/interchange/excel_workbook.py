"""The workbook of values: stored indicator values, their targets and statuses (.xlsx, CSV).

:func:`workbook_export` reads the selection (indicators × units × periods, limited to what the
user may see: :func:`soteria.interchange.fhir_measure.select`) and gives a
:class:`WorkbookExport` that writes

- an Excel workbook (openpyxl in write-only mode, so that a large selection stays small in
  memory) with three sheets: **Values** (one row per stored value: unit, indicator, period,
  value, numerator, denominator, unit of measure, target, tolerance, status in words and why
  there is none, whether the period was over, when it was computed), **Targets** (the target
  that applies to every indicator × unit × period of the selection, its green/amber/red
  bands and where it comes from) and **About** (who exported what, when, and the rules);
- or a CSV of the Values table, or of the Targets table.

Statuses are those of the scorecards: :func:`soteria.indicators.status.indicator_part` with
the targets of :func:`soteria.indicators.targets.targets_for_many`, so a total of a period
not yet over is not rated, as on the dashboards. Numbers are numbers (with the indicator's
decimals as number format), dates are dates; text that a spreadsheet would run as a formula
is kept as text (the one spreadsheet guard, :mod:`soteria.core.spreadsheet`; in the workbook
the cell is stored as a string with Excel's quote prefix).
"""

from __future__ import annotations

import csv
import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from soteria.core.i18n import localise
from soteria.core.spreadsheet import csv_safe, is_formula_like
from soteria.indicators import periods
from soteria.indicators.models import IndicatorDefinition, IndicatorValue
from soteria.indicators.status import RAG_LABELS, IndicatorPart, indicator_part, thresholds
from soteria.indicators.targets import EffectiveTarget, targets_for_many
from soteria.interchange.fhir_measure import Selection, select
from soteria.organisations.models import OrgUnit
from soteria.scorecards.indicator_page import csv_number

log = logging.getLogger(__name__)

CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"


def number_format(decimals: int) -> str:
    """Excel's format for a number shown with ``decimals`` places, grouped by thousands."""
    places = max(int(decimals), 0)
    return "#,##0" + ("." + "0" * places if places else "")


def _figure_format(number: float) -> str:
    """Numerators and denominators: whole numbers as such, else up to four places."""
    return "#,##0" if float(number).is_integer() else "#,##0.0###"


def _local(moment: dt.datetime | None) -> dt.datetime | None:
    """Excel has no time zones: the exporter's wall-clock time."""
    if moment is None:
        return None
    if timezone.is_aware(moment):
        moment = timezone.localtime(moment)
    return moment.replace(tzinfo=None, microsecond=0)


def _period_bounds(code: str) -> tuple[dt.date, dt.date]:
    period = periods.parse(code)
    return period.start, period.end - dt.timedelta(days=1)


# --- the rows -------------------------------------------------------------------------------


@dataclass(frozen=True)
class ValueLine:
    """A stored value with its target and its status as the scorecards show it."""

    stored: IndicatorValue
    part: IndicatorPart

    @property
    def definition(self) -> IndicatorDefinition:
        return self.stored.definition

    @property
    def unit(self) -> OrgUnit:
        return self.stored.unit

    @property
    def target(self) -> EffectiveTarget | None:
        return self.part.target

    @property
    def status_words(self) -> str:
        if self.part.status is None:
            return _("not rated")
        return _(RAG_LABELS[self.part.status])

    @property
    def why_not_rated(self) -> str:
        if self.part.status is not None:
            return ""
        why = self.part.why_not_rated
        if self.part.value is None and self.part.no_value_reason:
            why = f"{why} ({self.part.no_value_reason})"
        return why


@dataclass(frozen=True)
class TargetLine:
    definition: IndicatorDefinition
    unit: OrgUnit
    period: str
    target: EffectiveTarget


def value_columns() -> list[str]:
    return [
        _("Unit code"),
        _("Unit"),
        _("Indicator code"),
        _("Indicator"),
        _("Period"),
        _("Period start"),
        _("Period end"),
        _("Value"),
        _("Numerator"),
        _("Denominator"),
        _("Unit of measure"),
        _("Target"),
        _("Tolerance"),
        _("Status"),
        _("Why not rated"),
        _("Period not over"),
        _("Computed at"),
        _("Definition version"),
    ]


VALUE_WIDTHS = (14, 28, 26, 36, 9, 12, 12, 12, 12, 12, 16, 12, 11, 12, 30, 10, 17, 10)


def target_columns() -> list[str]:
    return [
        _("Indicator code"),
        _("Indicator"),
        _("Unit code"),
        _("Unit"),
        _("Period"),
        _("Target"),
        _("Tolerance"),
        _("Green"),
        _("Amber"),
        _("Red"),
        _("Where the target comes from"),
        _("Set on unit"),
        _("Set for period"),
        _("Approved"),
        _("Approved at"),
    ]


TARGET_WIDTHS = (26, 36, 14, 28, 9, 12, 11, 14, 14, 18, 34, 14, 12, 10, 17)


# --- the export -----------------------------------------------------------------------------


@dataclass
class WorkbookExport:
    user: Any
    selection: Selection
    lines: list[ValueLine]
    targets: list[TargetLine]
    language: str
    warnings: list[str] = field(default_factory=list)
    exported_at: dt.datetime = field(default_factory=timezone.now)

    _texts: dict[tuple[str, int], str] = field(default_factory=dict, repr=False)

    @property
    def count(self) -> int:
        return len(self.lines)

    def _name(self, thing: IndicatorDefinition | OrgUnit) -> str:
        """An indicator's or a unit's name in the export's language (once per object)."""
        key = (type(thing).__name__, thing.pk)
        if key not in self._texts:
            self._texts[key] = localise(thing.name, self.language) or thing.code
        return self._texts[key]

    def _measure_unit(self, definition: IndicatorDefinition) -> str:
        key = ("unit of measure", definition.pk)
        if key not in self._texts:
            self._texts[key] = str(definition.get_unit_display())
        return self._texts[key]

    # -- CSV --

    def csv_rows(self) -> list[list[str]]:
        """The Values table for machines: ISO dates, numbers without grouping, text that a
        spreadsheet will not run as a formula."""
        with translation.override(self.language):
            rows = [value_columns()]
            for line in self.lines:
                v, target = line.stored, line.target
                start, end = _period_bounds(v.period)
                computed = _local(v.computed_at)
                rows.append(
                    [
                        csv_safe(v.unit.code),
                        csv_safe(self._name(v.unit)),
                        csv_safe(v.definition.code),
                        csv_safe(self._name(v.definition)),
                        v.period,
                        start.isoformat(),
                        end.isoformat(),
                        csv_number(line.part.value),
                        csv_number(v.numerator),
                        csv_number(v.denominator),
                        csv_safe(self._measure_unit(v.definition)),
                        csv_number(target.value if target else None),
                        csv_number(target.tolerance if target else None),
                        csv_safe(line.status_words),
                        csv_safe(line.why_not_rated),
                        "true" if v.partial else "false",
                        computed.isoformat(sep=" ") if computed else "",
                        str(v.definition_version),
                    ]
                )
        return rows

    def target_csv_rows(self) -> list[list[str]]:
        """The Targets table for machines (as :meth:`csv_rows`)."""
        with translation.override(self.language):
            rows = [target_columns()]
            for line in self.targets:
                definition, target = line.definition, line.target
                bands = thresholds(
                    target.value, target.tolerance, definition.direction, definition.decimals
                )
                approved = _local(target.source.approved_at)
                rows.append(
                    [
                        csv_safe(definition.code),
                        csv_safe(self._name(definition)),
                        csv_safe(line.unit.code),
                        csv_safe(self._name(line.unit)),
                        line.period,
                        csv_number(target.value),
                        csv_number(target.tolerance),
                        *(csv_safe(str(bands.get(rag, ""))) for rag in RAG_LABELS),
                        csv_safe(target.describe()),
                        csv_safe(target.source.unit.code),
                        target.source.period,
                        "true" if target.approved else "false",
                        approved.isoformat(sep=" ") if approved else "",
                    ]
                )
        return rows

    def write_csv(self, stream: IO[str], table: str = "values") -> None:
        """The Values table (``table="values"``) or the Targets table (``"targets"``)."""
        rows = self.target_csv_rows() if table == "targets" else self.csv_rows()
        csv.writer(stream).writerows(rows)

    # -- xlsx --

    def write_xlsx(self, stream: IO[bytes]) -> None:
        """The workbook (write-only: rows go to disk as they are made)."""
        with translation.override(self.language):
            book = Workbook(write_only=True)
            self._values_sheet(book)
            self._targets_sheet(book)
            self._about_sheet(book)
            book.save(stream)

    def _sheet(self, book: Workbook, title: str, header: Sequence[str], widths: Sequence[int]):
        sheet = book.create_sheet(title=title[:31])
        sheet.freeze_panes = "A2"
        for index, width in enumerate(widths, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = width
        bold = Font(bold=True)
        cells = []
        for text in header:
            cell = WriteOnlyCell(sheet, value=text)
            cell.font = bold
            cells.append(cell)
        sheet.append(cells)
        return sheet

    @staticmethod
    def _text(sheet: Any, text: str) -> Any:
        """A text cell that is never a formula (the guard of the CSV exports decides)."""
        cell = WriteOnlyCell(sheet, value=text)
        if is_formula_like(text):
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell

    @staticmethod
    def _number(sheet: Any, number: float | None, fmt: str) -> Any:
        cell = WriteOnlyCell(sheet, value=number)
        if number is not None:
            cell.number_format = fmt
        return cell

    @staticmethod
    def _date(sheet: Any, moment: dt.date | dt.datetime | None, fmt: str) -> Any:
        cell = WriteOnlyCell(sheet, value=moment)
        if moment is not None:
            cell.number_format = fmt
        return cell

    def _values_sheet(self, book: Workbook) -> None:
        sheet = self._sheet(book, _("Values"), value_columns(), VALUE_WIDTHS)
        text, number, date = self._text, self._number, self._date
        for line in self.lines:
            v, target, definition = line.stored, line.target, line.definition
            fmt = number_format(definition.decimals)
            start, end = _period_bounds(v.period)
            sheet.append(
                [
                    text(sheet, v.unit.code),
                    text(sheet, self._name(v.unit)),
                    text(sheet, definition.code),
                    text(sheet, self._name(definition)),
                    text(sheet, v.period),
                    date(sheet, start, DATE_FORMAT),
                    date(sheet, end, DATE_FORMAT),
                    number(sheet, line.part.value, fmt),
                    number(sheet, v.numerator, _figure_format(v.numerator or 0)),
                    number(sheet, v.denominator, _figure_format(v.denominator or 0)),
                    text(sheet, self._measure_unit(definition)),
                    number(sheet, target.value if target else None, fmt),
                    number(sheet, target.tolerance if target else None, fmt),
                    text(sheet, line.status_words),
                    text(sheet, line.why_not_rated),
                    v.partial,
                    date(sheet, _local(v.computed_at), DATETIME_FORMAT),
                    v.definition_version,
                ]
            )
        last = get_column_letter(len(VALUE_WIDTHS))
        sheet.auto_filter.ref = f"A1:{last}{len(self.lines) + 1}"

    def _targets_sheet(self, book: Workbook) -> None:
        sheet = self._sheet(book, _("Targets"), target_columns(), TARGET_WIDTHS)
        text, number, date = self._text, self._number, self._date
        for line in self.targets:
            definition, target = line.definition, line.target
            fmt = number_format(definition.decimals)
            bands = thresholds(
                target.value, target.tolerance, definition.direction, definition.decimals
            )
            source = target.source
            sheet.append(
                [
                    text(sheet, definition.code),
                    text(sheet, self._name(definition)),
                    text(sheet, line.unit.code),
                    text(sheet, self._name(line.unit)),
                    text(sheet, line.period),
                    number(sheet, target.value, fmt),
                    number(sheet, target.tolerance, fmt),
                    *(text(sheet, str(bands.get(rag, "—"))) for rag in RAG_LABELS),
                    text(sheet, target.describe()),
                    text(sheet, source.unit.code),
                    text(sheet, source.period),
                    target.approved,
                    date(sheet, _local(source.approved_at), DATETIME_FORMAT),
                ]
            )
        last = get_column_letter(len(TARGET_WIDTHS))
        sheet.auto_filter.ref = f"A1:{last}{len(self.targets) + 1}"

    def about_rows(self) -> list[tuple[str, str]]:
        user = self.user
        who = _("the system")
        if user is not None:
            full = user.get_full_name() if hasattr(user, "get_full_name") else ""
            who = f"{full} ({user.get_username()})" if full else user.get_username()
        selection = self.selection
        exported = _local(self.exported_at)
        zone = timezone.get_current_timezone_name()
        rows = [
            (_("Exported by"), who),
            (_("Exported at"), f"{exported:%Y-%m-%d %H:%M} ({zone})" if exported else ""),
            (_("Indicators"), ", ".join(d.code for d in selection.definitions) or "—"),
            (_("Units"), ", ".join(u.code for u in selection.units) or "—"),
            (
                _("Units below included"),
                _("yes") if selection.include_descendants else _("no"),
            ),
            (_("Periods"), ", ".join(selection.period_codes) or "—"),
            (_("Language"), self.language),
            (_("Values"), str(self.count)),
            (_("Targets"), str(len(self.targets))),
            (
                _("Statuses"),
                _(
                    "Statuses as on the scorecards: higher is better — on track at or above "
                    "the target, at risk within the tolerance below it, off track further "
                    "below; lower is better — the same the other way round; neither — on "
                    "track within the tolerance either side, off track outside it."
                ),
            ),
            (
                _("Not rated"),
                _(
                    "A value without a target, a missing value, or a count or sum of a "
                    "period that was not over when it was computed (it would be set against "
                    "the whole period's target) has no status."
                ),
            ),
            (
                _("Which target applies"),
                _(
                    "The target that applies: the unit's own for the period, else its own "
                    "for the nearest longer period (pro rata by days for counts and sums), "
                    "else the same search on the units above (not for counts and sums)."
                ),
            ),
            (
                _("What a value is"),
                _(
                    "Values as stored by the last computation: a unit's value includes the "
                    "units below it; times are those of the exporter's time zone."
                ),
            ),
        ]
        rows.extend((_("Left out"), warning) for warning in self.warnings)
        return rows

    def _about_sheet(self, book: Workbook) -> None:
        sheet = self._sheet(book, _("About"), [_("What"), _("Details")], (26, 110))
        for key, text in self.about_rows():
            sheet.append([self._text(sheet, key), self._text(sheet, text)])


def workbook_export(
    user: Any,
    definitions: Iterable[IndicatorDefinition],
    units: Iterable[OrgUnit],
    period_codes: Iterable[str],
    *,
    include_descendants: bool = False,
    language: str | None = None,
) -> WorkbookExport:
    """Values, targets and statuses of the selection the user may see (fixed number of
    queries, however large the selection)."""
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    selection = select(
        user, definitions, units, period_codes, include_descendants=include_descendants
    )
    with translation.override(language):
        triples = [
            (definition, unit, code)
            for definition in selection.definitions
            for unit in selection.units
            for code in selection.period_codes
        ]
        found = targets_for_many(triples)
        lines = [
            ValueLine(
                row,
                indicator_part(
                    row.definition,
                    row.unit,
                    row,
                    found[(row.definition_id, row.unit_id, row.period)],
                ),
            )
            for row in selection.values()
        ]
        targets = [
            TargetLine(definition, unit, code, target)
            for definition, unit, code in triples
            if (target := found[(definition.pk, unit.pk, code)]) is not None
        ]
    export = WorkbookExport(user, selection, lines, targets, language, list(selection.warnings))
    log.info(
        "Workbook export by %s: %d indicators, %d units, %d periods, %d values",
        getattr(user, "username", "system"),
        len(selection.definitions),
        len(selection.units),
        len(selection.period_codes),
        export.count,
    )
    return export
