"""What a locked-out sign-in gets (django-axes calls `locked_out`): a translated page, or
JSON for the API token endpoint; 429 either way."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from rest_framework import status


def lockout_message() -> str:
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return _(
        "Too many failed sign-ins for this account or from this address. "
        "Try again in %(minutes)s minutes, or ask the office to unlock it."
    ) % {"minutes": minutes}


def locked_out(request, original_response=None, credentials=None):
    message = lockout_message()
    code = status.HTTP_429_TOO_MANY_REQUESTS
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=code)
    return render(request, "registration/locked_out.html", {"message": message}, status=code)
