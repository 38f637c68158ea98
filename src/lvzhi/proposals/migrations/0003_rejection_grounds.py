"""不予立案 grounds become a dictionary the office keeps, seeded with the statutory grounds
of the 政协提案工作条例; every proposal keeps the ground it was refused on."""

import django.db.models.deletion
import lvzhi.core.fields
import simple_history.models
from django.conf import settings
from django.db import migrations, models

#: (code, name) — the codes the former fixed choices stored
GROUNDS = [
    ("secret", "涉及国家秘密"),
    ("party_internal", "涉及民主党派或人民团体内部事务"),
    ("litigation", "属于诉讼、仲裁或者纪检监察、检察机关正在处理的"),
    ("academic", "属于学术争论"),
    ("personal", "属于个人或家庭事务"),
    ("advertising", "宣传推介具体产品"),
    ("denunciation", "属于实名举报"),
    ("vague", "内容空泛，没有具体建议"),
    ("other", "其他不宜作为提案的"),
]


def seed(apps, schema_editor):
    Ground = apps.get_model("proposals", "RejectionGround")
    for order, (code, name) in enumerate(GROUNDS):
        Ground.objects.get_or_create(code=code, defaults={"name": name, "sort_order": order * 10})


def keep_grounds(apps, schema_editor):
    """Every proposal (and its history) keeps the ground it was refused on."""
    Ground = apps.get_model("proposals", "RejectionGround")
    for model in ("Proposal", "HistoricalProposal"):
        rows = apps.get_model("proposals", model).objects.exclude(rejection_ground="")
        for code in rows.values_list("rejection_ground", flat=True).distinct():
            # a ground stored that the list does not name is kept, not offered again
            Ground.objects.get_or_create(
                code=code, defaults={"name": code, "sort_order": 1000, "is_active": False}
            )
            rows.filter(rejection_ground=code).update(ground_tmp_id=code)


def restore_grounds(apps, schema_editor):
    for model in ("Proposal", "HistoricalProposal"):
        rows = apps.get_model("proposals", model).objects.exclude(ground_tmp__isnull=True)
        for code in rows.values_list("ground_tmp_id", flat=True).distinct():
            rows.filter(ground_tmp_id=code).update(rejection_ground=code)


class Migration(migrations.Migration):
    dependencies = [
        ("proposals", "0002_proposals"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="RejectionGround",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True, verbose_name="created at")),
                ("updated_at", models.DateTimeField(auto_now=True, verbose_name="updated at")),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("code", models.SlugField(max_length=16, unique=True, verbose_name="code")),
                ("name", models.CharField(max_length=60, unique=True, verbose_name="name")),
                (
                    "description",
                    lvzhi.core.fields.LongTextField(
                        blank=True, max_length=20000, verbose_name="description"
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, verbose_name="sort order")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
            ],
            options={
                "verbose_name": "ground for not accepting",
                "verbose_name_plural": "grounds for not accepting",
                "ordering": ["sort_order", "id"],
            },
        ),
        migrations.CreateModel(
            name="HistoricalRejectionGround",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="created at"),
                ),
                (
                    "updated_at",
                    models.DateTimeField(blank=True, editable=False, verbose_name="updated at"),
                ),
                (
                    "version",
                    models.PositiveIntegerField(default=1, editable=False, verbose_name="version"),
                ),
                ("code", models.SlugField(max_length=16, verbose_name="code")),
                ("name", models.CharField(db_index=True, max_length=60, verbose_name="name")),
                (
                    "description",
                    lvzhi.core.fields.LongTextField(
                        blank=True, max_length=20000, verbose_name="description"
                    ),
                ),
                ("sort_order", models.PositiveIntegerField(default=0, verbose_name="sort order")),
                ("is_active", models.BooleanField(default=True, verbose_name="active")),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name": "historical ground for not accepting",
                "verbose_name_plural": "historical grounds for not accepting",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.AddField(
            model_name="historicalproposal",
            name="ground_tmp",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to="proposals.rejectionground",
                to_field="code",
                verbose_name="ground for not accepting",
            ),
        ),
        migrations.AddField(
            model_name="proposal",
            name="ground_tmp",
            field=models.ForeignKey(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="proposals.rejectionground",
                to_field="code",
                verbose_name="ground for not accepting",
            ),
        ),
        migrations.RunPython(seed, migrations.RunPython.noop),
        migrations.RunPython(keep_grounds, restore_grounds),
        migrations.RemoveField(model_name="historicalproposal", name="rejection_ground"),
        migrations.RemoveField(model_name="proposal", name="rejection_ground"),
        migrations.RenameField(
            model_name="historicalproposal", old_name="ground_tmp", new_name="rejection_ground"
        ),
        migrations.RenameField(
            model_name="proposal", old_name="ground_tmp", new_name="rejection_ground"
        ),
    ]
