"""POST /api/v1/auth/token/: a token for a username and password, under the same sign-in
lockout as the login page and the same request limits as the rest of the API."""

from rest_framework import exceptions, status
from rest_framework.authtoken.views import ObtainAuthToken
from rest_framework.response import Response
from rest_framework.settings import api_settings

from lvzhi.core.views.lockout import lockout_message


class TokenView(ObtainAuthToken):
    throttle_classes = api_settings.DEFAULT_THROTTLE_CLASSES

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except exceptions.ValidationError:
            # django-axes flags the request it refused; say so instead of "wrong password".
            if getattr(request, "axes_locked_out", False):
                return Response(
                    {"detail": lockout_message()}, status=status.HTTP_429_TOO_MANY_REQUESTS
                )
            raise
