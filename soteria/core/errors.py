"""The one domain error type, turned into form errors, messages or HTTP 400 in one place."""

from __future__ import annotations

from django.core.exceptions import ValidationError

DomainError = ValidationError
"""Services raise Django's ValidationError (field-keyed where a field is at fault).

Forms already know how to show it next to the field; the API's exception handler turns it
into a 400 with the same field keys. Keeping one type means no translation layer between
services and their callers.
"""
