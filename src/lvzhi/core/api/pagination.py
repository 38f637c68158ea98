"""List pagination: `limit` capped by API_MAX_LIMIT; a limit or offset that is not a
whole number the databases can hold is the client's mistake (400), never a 500."""

from django.conf import settings
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.pagination import LimitOffsetPagination

#: The largest value a 64-bit SQL integer holds; beyond it a number names no row.
MAX_NUMBER = 2**63 - 1


class RecordPagination(LimitOffsetPagination):
    @property
    def max_limit(self):
        return settings.API_MAX_LIMIT

    def get_limit(self, request):
        # Within range, a limit above the cap is lowered to it (the `next` link goes on).
        limit = self._number(request, self.limit_query_param, low=1)
        return self.default_limit if limit is None else min(limit, self.max_limit)

    def get_offset(self, request):
        return self._number(request, self.offset_query_param, low=0) or 0

    def _number(self, request, name, *, low):
        raw = request.query_params.get(name)
        if raw is None or raw == "":
            return None
        text = raw.strip()
        if text.isascii() and text.isdigit() and low <= int(text) <= MAX_NUMBER:
            return int(text)
        raise exceptions.ValidationError(
            {name: [_("Enter a whole number from %(low)s to %(high)s.") % {
                "low": low, "high": MAX_NUMBER}]}
        )  # fmt: skip

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update(minimum=1, maximum=MAX_NUMBER)
                parameter["description"] = _(
                    "Number of results to return per page (at most %(max)s)."
                ) % {"max": self.max_limit}
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"].update(minimum=0, maximum=MAX_NUMBER)
        return parameters
