"""The 社情民意 API beyond what its record type generates: a member's own submission.

List, detail, writes, history and the workflow steps (POST /api/v1/opinions/{id}/{step}/:
edit, accept, reject, compile, forward, adopt, instruct) come from the record type and its
workflow; here POST /api/v1/opinions/submit/, the page /proposals/opinions/submit/ as an
endpoint.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lvzhi.core import permissions
from lvzhi.core.api.serializers import serializer_for

from ..forms.opinion import OpinionForm, OpinionSubmitForm
from ..models import Opinion
from ..services.opinion import opinion_submit

OpinionSerializer = serializer_for(Opinion, [*OpinionForm.Meta.fields, "state"])


class OpinionSubmitSerializer(serializer_for(Opinion, OpinionSubmitForm.Meta.fields)):
    """What a member sends to submit a report of their own."""

    add_right = permissions.REPORT


class OpinionActions:
    @extend_schema(request=OpinionSubmitSerializer, responses={201: OpinionSerializer})
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def submit(self, request):
        """报送社情民意: a member submits a report of their own to a committee they sit on."""
        if not permissions.can_report(request.user, Opinion):
            raise PermissionDenied(_("Only a member of this committee may submit a report to it."))
        serializer = OpinionSubmitSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        m2m = {"industries": data.pop("industries", [])}
        opinion = opinion_submit(actor=request.user, opinion=Opinion(**data), m2m=m2m)
        return Response(
            OpinionSerializer(opinion, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
