from rest_framework import serializers


class FigureSerializer(serializers.Serializer):
    key = serializers.CharField()
    pillar = serializers.CharField()
    label = serializers.CharField()
    unit = serializers.CharField()
    headline = serializers.BooleanField()
    applicable = serializers.BooleanField(help_text="False: the indicator cannot be split so")
    values = serializers.DictField(
        child=serializers.JSONField(),
        allow_null=True,
        help_text="aggregates: n (the count) and e.g. amount (yuan)",
    )
    previous = serializers.DictField(
        child=serializers.JSONField(),
        allow_null=True,
        help_text="the same period a year before",
    )
    phrase = serializers.CharField(help_text="as the report writes it")
    list_url = serializers.CharField(help_text="the list page of the records counted")


class IndicatorReportSerializer(serializers.Serializer):
    scope = serializers.CharField()
    scope_label = serializers.CharField()
    committees = serializers.ListField(child=serializers.IntegerField())
    start = serializers.DateField()
    end = serializers.DateField(help_text="the last day included")
    period = serializers.CharField()
    paragraph = serializers.CharField(help_text="the opening paragraph of the annual report")
    figures = FigureSerializer(many=True)
