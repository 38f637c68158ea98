"""API of the text engine. Include with `path("api/v1/", include("lvzhi.text.api"))`.

GET  /api/v1/search/?q=&kind=&scope=&year=&page=   ranked hits, visible to the caller only
POST /api/v1/text/clean/    {text, style}           cleaned text and the changes made
POST /api/v1/text/similar/  {kind, text, exclude}   similar records (查重) the caller may see
"""

from django.urls import path
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from lvzhi.core.api.serializers import form_data
from lvzhi.text import registry
from lvzhi.text.cleaning import clean_text
from lvzhi.text.forms import CleanForm, SimilarForm
from lvzhi.text.selectors import similar_to
from lvzhi.text.views import clean_payload, run_search


class HitSerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    snippet = serializers.CharField(help_text="HTML: the matched words are wrapped in <mark>.")
    score = serializers.FloatField()
    committee_id = serializers.IntegerField(allow_null=True)
    year = serializers.IntegerField(allow_null=True)
    url = serializers.CharField()


class SearchResponseSerializer(serializers.Serializer):
    query = serializers.CharField()
    message = serializers.CharField()
    has_more = serializers.BooleanField()
    results = HitSerializer(many=True)


class SimilarRecordSerializer(serializers.Serializer):
    kind = serializers.CharField()
    id = serializers.IntegerField(source="object_id")
    title = serializers.CharField()
    score = serializers.FloatField()
    is_duplicate = serializers.BooleanField()
    passages = serializers.ListField(child=serializers.CharField())


class CleanRequestSerializer(serializers.Serializer):
    text = serializers.CharField(trim_whitespace=False)
    style = serializers.ChoiceField(choices=["seed", "cjk"], required=False)


class SimilarRequestSerializer(serializers.Serializer):
    kind = serializers.CharField()
    text = serializers.CharField()
    exclude = serializers.IntegerField(required=False)


def _errors(form):
    return Response({"errors": form.errors.get_json_data()}, status=400)


class SearchAPIView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str, description="words to find"),
            OpenApiParameter(
                "kind", str, many=True, description="record type, e.g. core.enterprise"
            ),
            OpenApiParameter(
                "scope", str, description="committee scope: all, own or a committee id"
            ),
            OpenApiParameter("year", int),
            OpenApiParameter("page", int),
        ],
        responses=SearchResponseSerializer,
    )
    def get(self, request):
        form, parsed, hits, has_more = run_search(request.user, request.query_params)
        if form.errors:
            return _errors(form)
        return Response(
            {
                "query": parsed.text,
                "message": str(parsed.message),
                "has_more": has_more,
                "results": HitSerializer(hits, many=True).data,
            }
        )


class CleanAPIView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=CleanRequestSerializer, responses=dict)
    def post(self, request):
        form = CleanForm(form_data(request))
        if not form.is_valid():
            return _errors(form)
        result = clean_text(form.cleaned_data["text"], style=form.cleaned_data["style"] or "seed")
        return Response(clean_payload(result))


class SimilarAPIView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(request=SimilarRequestSerializer, responses=SimilarRecordSerializer(many=True))
    def post(self, request):
        form = SimilarForm(form_data(request), kinds=registry.registrations())
        if not form.is_valid():
            return _errors(form)
        cd = form.cleaned_data
        records = similar_to(cd["text"], cd["kind"], exclude=cd.get("exclude"), user=request.user)
        return Response(SimilarRecordSerializer(records, many=True).data)


urlpatterns = [
    path("search/", SearchAPIView.as_view(), name="text-api-search"),
    path("text/clean/", CleanAPIView.as_view(), name="text-api-clean"),
    path("text/similar/", SimilarAPIView.as_view(), name="text-api-similar"),
]
