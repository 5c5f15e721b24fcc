"""Interchange pages (DHIS2, FHIR MeasureReport, the Excel workbook), under /interchange/."""

from django.urls import path

from soteria.interchange import views

urlpatterns = [
    path("", views.index, name="dhis2-index"),
    path("mappings/<str:code>/", views.mapping_list, name="dhis2-mappings"),
    path("mappings/<int:pk>/delete/", views.mapping_delete, name="dhis2-mapping-delete"),
    path("export/", views.export, name="dhis2-export"),
    path("import/", views.import_view, name="dhis2-import"),
    path("fhir/measure-reports/", views.measure_export, name="fhir-measure-export"),
    path("workbook/", views.workbook_export, name="workbook-export"),
]
