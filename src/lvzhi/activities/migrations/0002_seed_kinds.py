"""The activity kinds the article names; administrators may add more."""

from django.db import migrations

KINDS = [
    ("consultation", "专题协商", "consultation"),
    ("media-consultation", "全媒体协商（来宾好商量）", "media_consultation"),
    ("research", "调研", "research"),
    ("inspection", "视察", "inspection"),
    ("enterprise-visit", "产业服务团走访企业", "enterprise_visit"),
    ("investment", "对外招商", "investment"),
    ("lecture", "经济微讲堂", "lecture"),
    ("financing", "政银企对接", "financing"),
    ("exchange", "经验交流会", "exchange"),
    ("plenary", "会议（全体会议）", "meeting"),
    ("standing", "会议（常委会议）", "meeting"),
]


def seed(apps, schema_editor):
    ActivityKind = apps.get_model("activities", "ActivityKind")
    for order, (code, name, category) in enumerate(KINDS):
        ActivityKind.objects.get_or_create(
            code=code, defaults={"name": name, "category": category, "sort_order": order * 10}
        )


def unseed(apps, schema_editor):
    ActivityKind = apps.get_model("activities", "ActivityKind")
    ActivityKind.objects.filter(code__in=[k[0] for k in KINDS], activities__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [("activities", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
