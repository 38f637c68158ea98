"""The projects API beyond what its record type generates: a member's lead.

The list, detail, writes, history, transitions and the pipeline's steps
(POST /api/v1/investment-projects/{id}/{step}/) come from the record type and its workflow.
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
from . import serializers


class ProjectActions:
    @extend_schema(
        request=serializers.ProjectLeadSerializer,
        responses={201: serializers.ProjectSerializer},
    )
    @action(detail=False, methods=["post"], permission_classes=[IsAuthenticated])
    def lead(self, request):
        """报送招商线索: a member registers a lead with a committee they sit on."""
        if not permissions.can_report(request.user, self.views.model):
            raise PermissionDenied(
                _("Only a member of this committee may register a lead with it.")
            )
        serializer = serializers.ProjectLeadSerializer(
            data=request.data, context=self.get_serializer_context()
        )
        serializer.is_valid(raise_exception=True)
        project = services.project_report(
            actor=request.user, project=self.views.model(**serializer.validated_data)
        )
        return Response(
            serializers.ProjectSerializer(project, context=self.get_serializer_context()).data,
            status=status.HTTP_201_CREATED,
        )
