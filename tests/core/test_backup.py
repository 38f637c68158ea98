"""`lvzhi backup` and `lvzhi restore`, on whichever engine the suite runs (DATABASE_URL).

pg_dump sees only committed rows and SQLite's backup API cannot write into a connection
inside a transaction, so these tests commit (transaction=True) and back up the test
database under its real name. They run in the second pass (marker `flushes`), and put
back what data migrations seeded, which the flush after each committing test removes.
"""

import hashlib
import io
import json
import shutil
import stat
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.utils import translation

from lvzhi.activities.models import Activity
from lvzhi.core.models import Attachment, Committee
from tests.conftest import demo_pillars, reseed_data_migrations

pytestmark = [pytest.mark.flushes, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def seeded(transactional_db):
    reseed_data_migrations()


def run(name, *args):
    """Run a command in English; return (stdout, stderr)."""
    out, err = StringIO(), StringIO()
    with translation.override("en"):
        call_command(name, *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def tables():
    """Every table's row count and a digest of its rows in sorted order, read through Django
    (independently of the commands' own checksums)."""
    result = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            )
            result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
    return result


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def rewrite(archive, target, change):
    """Copy `archive` to `target` with change(manifest) applied to its manifest."""
    with tarfile.open(archive, "r:gz") as src, tarfile.open(target, "w:gz") as dst:
        for member in src:
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name == "manifest.json":
                manifest = json.loads(data)
                change(manifest)
                data = json.dumps(manifest).encode()
                member.size = len(data)
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    return target


def test_round_trip_of_the_demo_database_and_an_uploaded_attachment(media, tmp_path, client):
    with demo_pillars("text", "activities"):
        run("demo")
    staff = get_user_model().objects.get(username="demo-staff")
    client.force_login(staff)
    activity = Activity.objects.order_by("pk").first()
    photo = b"\xff\xd8\xff\xe0 demo photo " * 100
    res = client.post(
        f"/attachments/add/activities.activity/{activity.pk}/",
        {"name": "现场照片", "file": SimpleUploadedFile("现场.jpg", photo)},
    )
    assert res.status_code == 302
    attachment = Attachment.objects.get(name="现场照片")
    before = tables()
    assert before[Committee._meta.db_table][0] == 8

    out, err = run("backup", "--output", str(tmp_path / "backups") + "/")
    archive = Path(out.strip())
    assert archive.parent == tmp_path / "backups"
    assert archive.name.endswith(f"-{connection.vendor}.tar.gz")
    assert stat.S_IMODE(archive.stat().st_mode) == 0o600  # password hashes inside
    assert f"Backed up {len(before)} tables" in err

    # Lose everything: the database emptied, the uploads deleted.
    run("flush", "--no-input")
    shutil.rmtree(media)
    assert not Committee.objects.exists()

    out, err = run("restore", str(archive))

    assert f"Restored and verified: {len(before)} tables" in out
    assert "Verifying row counts and checksums" in err
    assert tables() == before
    restored = Attachment.objects.get(pk=attachment.pk)
    with restored.file.open("rb") as fh:
        assert fh.read() == photo
    client.logout()
    assert client.login(username="demo-staff", password="demo")
    page = client.get(activity.get_absolute_url())
    assert page.status_code == 200 and "现场照片" in page.content.decode()
    download = client.get(f"/attachments/{restored.pk}/")
    assert b"".join(download.streaming_content) == photo


@pytest.fixture
def archive(system, media, tmp_path):
    """A backup of the small shared system with one uploaded file."""
    (media / "problems").mkdir(parents=True)
    (media / "problems" / "诉求.pdf").write_bytes(b"%PDF-1.4 demo")
    path = tmp_path / "lvzhi.tar.gz"
    run("backup", "--output", str(path))
    return path


def test_refuses_a_database_with_data_unless_forced(system, archive, media):
    Committee.objects.filter(pk=system.county.pk).update(name="改过的县政协")
    (media / "problems" / "诉求.pdf").unlink()
    before = tables()

    with pytest.raises(CommandError, match=r"not empty \(7 users, 3 committees\).*--force"):
        run("restore", str(archive))
    assert tables() == before

    out, _err = run("restore", str(archive), "--force")
    assert "Restored and verified" in out
    assert Committee.objects.get(pk=system.county.pk).name == "武宣县政协"
    assert (media / "problems" / "诉求.pdf").read_bytes() == b"%PDF-1.4 demo"


def test_refuses_an_archive_of_the_other_engine(system, archive, tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    foreign = rewrite(
        archive, tmp_path / "foreign.tar.gz", lambda m: m["database"].update(engine=other)
    )
    Committee.objects.filter(pk=system.county.pk).update(name="改过的县政协")
    with pytest.raises(CommandError, match=f"holds a {other} database.*uses {connection.vendor}"):
        run("restore", str(foreign), "--force")
    assert Committee.objects.get(pk=system.county.pk).name == "改过的县政协"


def test_refuses_an_archive_with_migrations_this_code_does_not_know(system, archive, tmp_path):
    newer = rewrite(
        archive,
        tmp_path / "newer.tar.gz",
        lambda m: m["migrations"]["core"].append("9999_from_a_newer_version"),
    )
    with pytest.raises(CommandError, match="newer lvzhi.*core.9999_from_a_newer_version"):
        run("restore", str(newer), "--force")
    assert Committee.objects.count() == 3


def test_refuses_a_damaged_archive_before_touching_anything(system, archive, media, tmp_path):
    damaged = rewrite(
        archive,
        tmp_path / "damaged.tar.gz",
        lambda m: m["media_sha256"].update({"problems/诉求.pdf": "0" * 64}),
    )
    (media / "problems" / "诉求.pdf").write_bytes(b"changed since")
    Committee.objects.filter(pk=system.county.pk).update(name="改过的县政协")
    with pytest.raises(CommandError, match="do not match its manifest: problems/诉求.pdf"):
        run("restore", str(damaged), "--force")
    assert Committee.objects.get(pk=system.county.pk).name == "改过的县政协"
    assert (media / "problems" / "诉求.pdf").read_bytes() == b"changed since"

    hostile = tmp_path / "hostile.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(hostile, "w:gz") as dst:
        for member in src:
            dst.addfile(member, src.extractfile(member) if member.isfile() else None)
        escape = tarfile.TarInfo("../../escaped.txt")
        escape.size = 2
        dst.addfile(escape, io.BytesIO(b"hi"))
    with pytest.raises(CommandError, match="not a readable lvzhi backup"):
        run("restore", str(hostile), "--force")
    assert not list(tmp_path.parent.glob("escaped.txt"))
    assert Committee.objects.get(pk=system.county.pk).name == "改过的县政协"

    not_a_backup = tmp_path / "notes.tar.gz"
    not_a_backup.write_bytes(b"just text")
    with pytest.raises(CommandError, match="not a readable lvzhi backup"):
        run("restore", str(not_a_backup), "--force")


def test_reports_a_table_that_does_not_match_the_manifest(system, archive, tmp_path):
    table = Committee._meta.db_table

    def claim_another_row(manifest):
        manifest["tables"][table]["rows"] += 1

    wrong = rewrite(archive, tmp_path / "wrong.tar.gz", claim_another_row)
    err = StringIO()
    with translation.override("en"), pytest.raises(CommandError, match="1 of .* do not match"):
        call_command("restore", str(wrong), "--force", stdout=StringIO(), stderr=err)
    assert f"{table}: 3 rows, the archive has 4" in err.getvalue()
