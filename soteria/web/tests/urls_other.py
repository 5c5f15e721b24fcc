"""Another URL configuration, for the test of ``url()``'s kept answers."""

from django.http import HttpResponse
from django.urls import path

urlpatterns = [
    path("elsewhere/<int:pk>/", lambda request, pk: HttpResponse(), name="scorecard-objective"),
]
