from django.db import migrations

from lvzhi.text.names import stroke_key


def refill_stroke_keys(apps, schema_editor):
    """Names of the same stroke count now go by their first stroke (横竖撇点折): every
    stored sort key is computed again."""
    Person = apps.get_model("core", "Person")
    persons = list(Person.objects.only("pk", "name"))
    for person in persons:
        person.name_strokes = stroke_key(person.name)
    Person.objects.bulk_update(persons, ["name_strokes"], batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0012_department_name_pinyin"),
    ]

    operations = [
        migrations.RunPython(refill_stroke_keys, migrations.RunPython.noop),
    ]
