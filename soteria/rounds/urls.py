"""Update-round pages, mounted under /rounds/."""

from django.urls import path

from soteria.rounds import views

urlpatterns = [
    path("", views.round_list, name="round-list"),
    path("new/", views.round_open, name="round-open"),
    path("<int:pk>/", views.round_detail, name="round-detail"),
    path(
        "<int:pk>/initiatives/<int:initiative_pk>/",
        views.initiative_update,
        name="round-initiative-update",
    ),
    path("<int:pk>/completion/", views.round_completion, name="round-completion"),
    path("<int:pk>/completion.csv", views.round_completion_csv, name="round-completion-csv"),
    path("<int:pk>/close/", views.round_close, name="round-close"),
    path("<int:pk>/reopen/", views.round_reopen, name="round-reopen"),
]
