"""Indicator pages, mounted under /indicators/."""

from django.urls import path

from soteria.indicators.views import definitions
from soteria.indicators.views import manual as manual_views
from soteria.indicators.views import targets as target_views

urlpatterns = [
    # definitions and computation
    path("", definitions.definition_list, name="indicator-list"),
    path("new/", definitions.definition_create, name="indicator-create"),
    path("runs/", definitions.run_list, name="indicator-runs"),
    path("runs/<int:pk>/", definitions.run_detail, name="indicator-run"),
    # targets and status
    path("targets/", target_views.target_index, name="target-index"),
    path("targets/download/", target_views.targets_download, name="target-download"),
    path("targets/upload/", target_views.targets_upload, name="target-upload"),
    path("targets/<int:pk>/edit/", target_views.target_edit, name="target-edit"),
    path("targets/<int:pk>/approve/", target_views.target_approve, name="target-approve"),
    path("targets/<int:pk>/delete/", target_views.target_delete, name="target-delete"),
    path(
        "objectives/<int:pk>/status/",
        target_views.objective_status_page,
        name="objective-status",
    ),
    path("<str:code>/targets/", target_views.target_list, name="target-list"),
    path("<str:code>/targets/new/", target_views.target_create, name="target-create"),
    # hand-entered values and period locks
    path("manual/", manual_views.manual_entry, name="manual-entry"),
    path("manual/approvals/", manual_views.manual_approvals, name="manual-approvals"),
    path("manual/values/<int:pk>/approve/", manual_views.manual_approve, name="manual-approve"),
    path("manual/values/<int:pk>/return/", manual_views.manual_return, name="manual-return"),
    path("manual/excel/", manual_views.manual_excel_page, name="manual-excel"),
    path("manual/excel/template/", manual_views.manual_template, name="manual-template"),
    path("manual/locks/", manual_views.manual_locks, name="manual-locks"),
    path("manual/locks/<int:pk>/unlock/", manual_views.manual_unlock, name="manual-unlock"),
    # a definition by its code: keep these last, they match any first path segment
    path("<str:code>/", definitions.definition_detail, name="indicator-detail"),
    path("<str:code>/edit/", definitions.definition_edit, name="indicator-edit"),
]
