"""The API's one error handler: the project's own refusals become 400s with their message."""

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

from ats.exceptions import ATSError


def exception_handler(exc: Exception, context: dict) -> Response | None:
    """Answer an ATSError (a refused move, a duplicate application, a bad resume, …)
    with 400 and its message as `detail`, and a model validation error with 400
    and its messages; leave the rest (401, 403, 404, serializer errors) to DRF."""
    if isinstance(exc, ATSError):
        return Response({"detail": exc.message}, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoValidationError):
        # Shaped like a serializer's errors: by field when the model names one.
        if hasattr(exc, "error_dict"):
            return Response(exc.message_dict, status=status.HTTP_400_BAD_REQUEST)
        return Response({"detail": " ".join(exc.messages)}, status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
