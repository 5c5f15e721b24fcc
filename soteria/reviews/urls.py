"""Review report pages, mounted under /reviews/."""

from django.urls import path

urlpatterns: list = []
