"""Patient-experience pages, mounted under /experience/ (public response pages under /r/)."""

from django.urls import path

urlpatterns: list = []
