"""Review report pages, mounted under /reviews/."""

from django.urls import path

from soteria.reviews import views

urlpatterns = [
    path("", views.report_list, name="review-list"),
    path("<int:pk>/", views.report_detail, name="review-detail"),
    path("<int:pk>/edit/", views.report_edit, name="review-edit"),
    path("<int:pk>/submit/", views.report_submit, name="review-submit"),
    path("<int:pk>/return/", views.report_return, name="review-return"),
    path("<int:pk>/sign/", views.report_sign, name="review-sign"),
    path("<int:pk>/new-version/", views.report_new_version, name="review-new-version"),
    path("<int:pk>/delete/", views.report_delete, name="review-delete"),
    path("<int:pk>/pdf/", views.report_pdf, name="review-pdf"),
    path("bulk/", views.bulk_new, name="review-bulk-new"),
    path("bulk/<int:pk>/", views.bulk_detail, name="review-bulk"),
    path("bulk/<int:pk>/download/", views.bulk_download, name="review-bulk-download"),
]
