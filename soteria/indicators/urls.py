"""Indicator pages, mounted under /indicators/."""

from django.urls import path

from soteria.indicators.views import definitions

urlpatterns = [
    # definitions and computation
    path("", definitions.definition_list, name="indicator-list"),
    # targets and status
    # hand-entered values and period locks
]
