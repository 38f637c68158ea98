"""The categories offices start with (用地, 融资, 用工 …); admins edit them afterwards."""

from django.db import migrations

# name, working days: critical, urgent, normal
CATEGORIES = [
    ("用地", 5, 10, 20),
    ("融资", 3, 5, 15),
    ("用工", 3, 5, 15),
    ("审批", 3, 5, 10),
    ("基础设施", 5, 10, 20),
    ("市场", 3, 5, 15),
    ("政策", 3, 5, 15),
    ("其他", 3, 5, 15),
]


def add(apps, schema_editor):
    Category = apps.get_model("problems", "ProblemCategory")
    for order, (name, critical, urgent, normal) in enumerate(CATEGORIES):
        Category.objects.get_or_create(
            name=name,
            defaults={
                "days_critical": critical,
                "days_urgent": urgent,
                "days_normal": normal,
                "sort_order": order * 10,
            },
        )


class Migration(migrations.Migration):
    dependencies = [("problems", "0001_initial")]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
