"""The activities API beyond what the record types generate: attendance, scores.

The record types' endpoints come from their declarations (activities/views/records.py).
"""

from django.shortcuts import get_object_or_404
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from lvzhi.activities import services
from lvzhi.activities.api import serializers as s
from lvzhi.activities.ranking import ranking_keys, with_members
from lvzhi.activities.scoring import compute_scores
from lvzhi.core.models import Member
from lvzhi.core.scope import committee_ids_for


class ActivityActions:
    """The activities API beyond its record type's list, detail and writes."""

    @extend_schema(request=s.AttendanceSerializer, responses={200: dict})
    @action(detail=True, methods=["post"])
    def attendance(self, request, pk=None):
        """Set attendance of many participants at once: {"states": {id: state}}."""
        activity = self.get_object()
        body = s.AttendanceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        try:
            states = {int(k): v for k, v in body.validated_data["states"].items()}
        except ValueError:
            return Response({"states": ["Keys are participation ids."]}, status=400)
        changed = services.attendance_bulk_set(actor=request.user, activity=activity, states=states)
        return Response({"changed": changed})


YEAR = OpenApiParameter("year", int, description="Calendar year (default: this year)")


def _year(request):
    try:
        return int(request.query_params.get("year") or timezone.localdate().year)
    except ValueError:
        return timezone.localdate().year


class ScoreViewSet(viewsets.GenericViewSet):
    """履职积分: the ranking (list, paginated like every list) and one member's explained
    score (retrieve)."""

    permission_classes = [IsAuthenticated]
    filter_backends = []
    lookup_value_regex = r"\d+"

    def _members(self, request):
        return Member.objects.visible_to(request.user).select_related(
            "person", "committee", "sector"
        )

    @extend_schema(
        parameters=[YEAR, OpenApiParameter("scope", str), OpenApiParameter("sector", int)],
        responses=s.RankingRowSerializer(many=True),
    )
    def list(self, request):
        members = self._members(request)
        ids = committee_ids_for(request.user, request.query_params.get("scope"))
        if ids is not None:
            members = members.filter(committee_id__in=ids)
        sector = request.query_params.get("sector", "")
        if sector.isdigit():
            members = members.filter(sector_id=int(sector))
        page = self.paginate_queryset(ranking_keys(members, _year(request)))
        rows = [
            {
                "rank": rank,
                "member": m.pk,
                "name": m.person.name,
                "committee": m.committee.label,
                "sector": m.sector.name,
                "total": score.total,
                "grade": score.grade,
            }
            for rank, m, score in with_members(page, members)
        ]
        return self.get_paginated_response(s.RankingRowSerializer(rows, many=True).data)

    @extend_schema(
        parameters=[OpenApiParameter("id", int, OpenApiParameter.PATH), YEAR],
        responses=s.ScoreSerializer,
    )
    def retrieve(self, request, pk=None):
        member = get_object_or_404(self._members(request), pk=pk)
        score = compute_scores([member], _year(request))[member.pk]
        return Response(s.ScoreSerializer(score).data)
