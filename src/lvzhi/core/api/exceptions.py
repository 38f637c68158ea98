"""API errors as JSON: field errors from model validation, domain errors with their status."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from lvzhi.core.errors import DomainError


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = (
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
        exc = exceptions.ValidationError(detail)
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, DomainError):
        return Response({"detail": str(exc.message)}, status=exc.status_code)
    response = drf_exception_handler(exc, context)
    if response is None and isinstance(exc, ValueError | TypeError | OverflowError):
        # Malformed input that slipped past a serializer: still the client's fault.
        return Response({"detail": str(exc)}, status=status.HTTP_400_BAD_REQUEST)
    return response
