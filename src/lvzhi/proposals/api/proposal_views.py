"""The proposals API beyond what its record type generates.

The list, detail, writes, history, transitions and every workflow step
(POST /api/v1/proposals/{id}/{step}/) come from the record type and its workflow; here: a
member's draft endpoint and the year's figures.
"""

from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import status
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lvzhi.core import permissions

from .. import services
from . import proposal_serializers as serializers


class ProposalActions:
    def get_queryset(self):
        return super().get_queryset().prefetch_related("assignments__department")

    @extend_schema(
        request=serializers.ProposalDraftSerializer,
        responses={201: serializers.ProposalSerializer},
    )
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def draft(self, request):
        """A member drafts a proposal of their own (then co-signers sign, then submit)."""
        if not permissions.can_report(request.user, self.views.model):
            raise PermissionDenied(_("Only a member of this committee may make a proposal to it."))
        serializer = serializers.ProposalDraftSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        data.pop("version", None)
        co_signers = data.pop("co_signers", [])
        industries = data.pop("industries", [])
        proposal = services.proposal_draft(
            actor=request.user,
            proposal=self.views.model(**data),
            co_signers=co_signers,
            m2m={"industries": industries},
        )
        return Response(
            serializers.ProposalSerializer(proposal, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
