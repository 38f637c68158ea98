"""Backup and restore: the database and the uploaded files in one .tar.gz with a manifest.

Archive layout::

    manifest.json              lvzhi version, engine, migrations, per-table rows and checksum
    database/lvzhi.sqlite3     SQLite: a copy made with the online backup API
    database/lvzhi.pgdump      PostgreSQL: pg_dump --format=custom
    media/…                    the files under MEDIA_ROOT

The table fingerprints are taken from the same state that goes into the archive: on SQLite
from the copy itself, on PostgreSQL inside the REPEATABLE READ transaction whose snapshot
pg_dump is given (--snapshot). The app may keep running while a backup is made.
"""

import datetime
import hashlib
import importlib.metadata
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, connections, transaction
from django.db.backends.postgresql.client import DatabaseClient
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
DATABASE_FILES = {"sqlite": "database/lvzhi.sqlite3", "postgresql": "database/lvzhi.pgdump"}
MEDIA_DIR = "media"
REQUIRED = {"format", "lvzhi_version", "database", "migrations", "tables", "media", "media_sha256"}
CHUNK = 1 << 20


class BackupError(Exception):
    """A backup or restore refused or failed; the message says why, for the operator."""


def _quiet(*args, **kwargs):
    """Progress callback that reports nothing."""


@dataclass
class Progress:
    """How the commands report: `step(text)` for a phase, `bar(total, desc)` for a tqdm-like
    counter (a context manager with `update(n)`)."""

    step: object = _quiet
    bar: object = None

    def counter(self, total, desc):
        if self.bar is None:
            return _NullBar()
        return self.bar(total=total, desc=desc)


class _NullBar:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def update(self, n=1):
        pass


# Fingerprints: row count and an order-independent checksum per table -------------------------


def _tables(cursor, vendor):
    if vendor == "sqlite":
        cursor.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' "
            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name"
        )
    else:
        cursor.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1"
        )
    return [row[0] for row in cursor.fetchall()]


def _row_text_sql(cursor, vendor, table):
    """A query giving each row of `table` as one text value, written by the database itself
    (no driver type conversion): PostgreSQL's row text form (session time zone UTC, ISO
    dates), SQLite's quote() of every column."""
    quoted = connection.ops.quote_name(table)
    if vendor == "postgresql":
        return f"SELECT t::text FROM {quoted} AS t"
    cursor.execute(f"PRAGMA table_info({quoted})")
    columns = [connection.ops.quote_name(row[1]) for row in cursor.fetchall()]
    row = " || ',' || ".join(f"quote({c})" for c in columns)
    return f"SELECT {row} FROM {quoted}"


def fingerprint(db, vendor, progress=None):
    """{table: {"rows": n, "checksum": hex}} for every table of the DB-API connection `db`.

    The checksum is the sum of the rows' 128-bit hashes modulo 2**128: independent of the
    order rows come back in (pg_restore reloads them in another physical order), yet
    changed, missing or added rows change it."""
    progress = progress or Progress()
    cursor = db.cursor()
    tables = _tables(cursor, vendor)
    result = {}
    with progress.counter(len(tables), _("Checking tables")) as bar:
        for table in tables:
            query = _row_text_sql(cursor, vendor, table)
            # On PostgreSQL a named cursor streams big tables instead of loading them whole.
            rows = db.cursor(name="lvzhi_fingerprint") if vendor == "postgresql" else db.cursor()
            rows.execute(query)
            count, total = 0, 0
            while batch := rows.fetchmany(2000):
                for (text,) in batch:
                    digest = hashlib.blake2b(text.encode(), digest_size=16).digest()
                    total = (total + int.from_bytes(digest, "big")) % (1 << 128)
                count += len(batch)
            rows.close()
            result[table] = {"rows": count, "checksum": f"{total:032x}"}
            bar.update(1)
    return result


def _migrations(db):
    cursor = db.cursor()
    try:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    except Exception as exc:  # the table is missing: the database was never migrated
        raise BackupError(
            _("The database has not been migrated: there is nothing to back up.")
        ) from exc
    applied = {}
    for app, name in cursor.fetchall():
        applied.setdefault(app, []).append(name)
    return applied


def _sha256(path):
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        while chunk := fh.read(CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _media_files(root):
    root = Path(root)
    if not root.is_dir():
        return []
    return sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


# PostgreSQL client tools ----------------------------------------------------------------------


def _pg_connection_args():
    """(connection options, database name, environment) for pg_dump / pg_restore, from the
    same settings Django connects with (HOST, PORT, USER, PASSWORD, sslmode, passfile…)."""
    settings_dict = connection.settings_dict
    if not settings_dict.get("NAME"):
        raise BackupError(_("DATABASES['default'] names no database."))
    args, env = DatabaseClient.settings_to_cmd_args_env(settings_dict, [])
    return args[1:-1], args[-1], {**os.environ, **(env or {})}


def _tool_major(tool):
    path = shutil.which(tool)
    if path is None:
        raise BackupError(
            _("%(tool)s was not found; install the PostgreSQL client tools (postgresql-client).")
            % {"tool": tool}
        )
    output = subprocess.run([path, "--version"], capture_output=True, text=True, check=True)
    match = re.search(r"(\d+)(?:\.(\d+))?", output.stdout)
    return path, int(match.group(1)), output.stdout.strip()


def _server_major():
    connection.ensure_connection()
    return connection.pg_version // 10000


def _check_tool(tool, needed_major, what):
    path, major, version = _tool_major(tool)
    if major < needed_major:
        raise BackupError(
            _(
                "%(version)s is older than %(what)s (PostgreSQL %(needed)s); install "
                "postgresql-client-%(needed)s or newer."
            )
            % {"version": version, "what": what, "needed": needed_major}
        )
    return path, version, major


def _run(args, env, what):
    done = subprocess.run(args, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise BackupError(
            _("%(what)s failed: %(error)s") % {"what": what, "error": done.stderr.strip()}
        )


# Backup ---------------------------------------------------------------------------------------


def _dump_sqlite(target, progress):
    """Copy the live database with SQLite's online backup API: one step, so the copy is a
    single consistent read (in WAL mode writers go on meanwhile)."""
    progress.step(_("Copying the SQLite database with the online backup API…"))
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
        # The copy stands alone: no -wal file beside it when it is opened again.
        copy.execute("PRAGMA journal_mode=DELETE")
        migrations = _migrations(copy)
        tables = fingerprint(copy, "sqlite", progress)
    finally:
        copy.close()
    return {"engine": "sqlite", "sqlite_version": sqlite3.sqlite_version}, migrations, tables


def _pg_snapshot():
    """A separate connection in a read-only REPEATABLE READ transaction: every query in it,
    and pg_dump given its exported snapshot, sees the same committed state."""
    wrapper = connections.create_connection("default")
    wrapper.ensure_connection()  # sets the session time zone to UTC
    raw = wrapper.connection
    raw.autocommit = False
    raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
    raw.read_only = True
    raw.execute("SET LOCAL DateStyle = 'ISO, YMD'")
    return wrapper, raw


def _dump_postgresql(target, progress):
    server = _server_major()
    pg_dump, version, major = _check_tool("pg_dump", server, _("the database server"))
    conn_args, dbname, env = _pg_connection_args()
    wrapper, raw = _pg_snapshot()
    try:
        snapshot = raw.execute("SELECT pg_export_snapshot()").fetchone()[0]
        progress.step(_("Dumping the PostgreSQL database with %(tool)s…") % {"tool": version})
        _run(
            [pg_dump, *conn_args, "--format=custom", f"--snapshot={snapshot}"]
            + [f"--file={target}", dbname],
            env,
            "pg_dump",
        )
        migrations = _migrations(raw)
        tables = fingerprint(raw, "postgresql", progress)
        raw.rollback()
    finally:
        wrapper.close()
    info = {"engine": "postgresql", "server_major": server, "pg_dump": version}
    info["pg_dump_major"] = major
    return info, migrations, tables


def backup(output, progress=None):
    """Write the archive to `output` (a file, or a folder for a dated name); return its path."""
    progress = progress or Progress()
    vendor = connection.vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(_("Backups support SQLite and PostgreSQL, not %(v)s.") % {"v": vendor})
    now = datetime.datetime.now(datetime.UTC).replace(microsecond=0)
    folder = str(output).endswith(("/", os.sep)) or Path(output).is_dir()
    output = Path(output)
    if folder:
        output = output / f"lvzhi-{now:%Y%m%d-%H%M%S}-{vendor}.tar.gz"
    output.parent.mkdir(parents=True, exist_ok=True)

    with tempfile.TemporaryDirectory(dir=output.parent, prefix=".lvzhi-backup-") as work:
        db_file = Path(work) / "database"
        dump = _dump_sqlite if vendor == "sqlite" else _dump_postgresql
        database, migrations, tables = dump(db_file, progress)
        database["file"] = DATABASE_FILES[vendor]
        database["sha256"] = _sha256(db_file)

        files = _media_files(settings.MEDIA_ROOT)
        media = {}
        with progress.counter(len(files), _("Reading uploaded files")) as bar:
            for path in files:
                media[path.relative_to(settings.MEDIA_ROOT).as_posix()] = _sha256(path)
                bar.update(1)
        manifest = {
            "format": FORMAT,
            "lvzhi_version": importlib.metadata.version("lvzhi"),
            "created_at": now.isoformat(),
            "database": database,
            "migrations": migrations,
            "tables": tables,
            "media": {"files": len(media), "bytes": sum(p.stat().st_size for p in files)},
            "media_sha256": media,
        }

        partial = output.with_name(output.name + ".partial")
        # The archive holds password hashes and personal data: readable by its owner only.
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh, tarfile.open(fileobj=fh, mode="w:gz") as tar:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(now.timestamp()), 0o600
                tar.addfile(info, io.BytesIO(data))
                progress.step(_("Writing %(path)s…") % {"path": output})
                tar.add(db_file, arcname=database["file"])
                with progress.counter(len(files), _("Archiving uploaded files")) as bar:
                    for path in files:
                        rel = path.relative_to(settings.MEDIA_ROOT).as_posix()
                        tar.add(path, arcname=f"{MEDIA_DIR}/{rel}", recursive=False)
                        bar.update(1)
            partial.replace(output)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return output, manifest


# Restore --------------------------------------------------------------------------------------


def read_manifest(archive):
    """The manifest of `archive` (the archive's first member), or BackupError."""
    try:
        with tarfile.open(archive, "r:gz") as tar:
            first = tar.next()
            if first is None or first.name != MANIFEST:
                raise BackupError(_("%(path)s is not a lvzhi backup.") % {"path": archive})
            manifest = json.load(tar.extractfile(first))
    except (OSError, tarfile.TarError, ValueError) as exc:
        raise BackupError(
            _("%(path)s is not a readable lvzhi backup: %(error)s")
            % {"path": archive, "error": exc}
        ) from exc
    if not isinstance(manifest, dict) or not REQUIRED <= set(manifest):
        raise BackupError(_("%(path)s is not a lvzhi backup.") % {"path": archive})
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("%(path)s has backup format %(format)s; this lvzhi reads format %(ours)s.")
            % {"path": archive, "format": manifest.get("format"), "ours": FORMAT}
        )
    return manifest


def check_compatible(manifest):
    """Refuse an archive of another engine or with migrations this code does not have."""
    engine, here = manifest["database"]["engine"], connection.vendor
    if engine != here:
        raise BackupError(
            _(
                "The archive holds a %(engine)s database, but this installation uses "
                "%(here)s. Restore it into a %(engine)s installation."
            )
            % {"engine": engine, "here": here}
        )
    known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
    unknown = [
        f"{app}.{name}"
        for app, names in sorted(manifest["migrations"].items())
        for name in names
        if (app, name) not in known
    ]
    if unknown:
        raise BackupError(
            _(
                "The archive was made by a newer lvzhi (%(version)s): this code does not know "
                "its migrations %(migrations)s. Install that version or newer, then restore."
            )
            % {"version": manifest["lvzhi_version"], "migrations": ", ".join(unknown)}
        )


def database_holds_data():
    """What makes the configured database worth keeping (users, committees), or None."""
    from lvzhi.core.models import Committee

    tables = set(connection.introspection.table_names())
    held = []
    for model, label in ((get_user_model(), _("users")), (Committee, _("committees"))):
        if model._meta.db_table in tables and (n := model.objects.count()):
            held.append(f"{n} {label}")
    return ", ".join(held) or None


def _restore_sqlite(db_file, manifest, progress):
    """Copy the archived database into the live one with the backup API: other connections
    wait on the lock and then see the restored database whole, never a half-copied file."""
    progress.step(_("Restoring the SQLite database with the online backup API…"))
    connection.ensure_connection()
    source = sqlite3.connect(db_file)
    try:
        source.backup(connection.connection)
    finally:
        source.close()
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode=WAL")


def _restore_postgresql(db_file, manifest, progress):
    written_by = manifest["database"]["pg_dump_major"]
    pg_restore, version, _major = _check_tool("pg_restore", written_by, _("the archive's pg_dump"))
    conn_args, dbname, env = _pg_connection_args()
    # Tables the archive does not hold (from migrations newer than the backup) would keep
    # foreign keys into the tables pg_restore drops, and `migrate` could not create them
    # again afterwards: drop them first.
    with transaction.atomic(), connection.cursor() as cursor:
        extra = set(_tables(cursor, "postgresql")) - set(manifest["tables"])
        for table in sorted(extra):
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)} CASCADE")
    progress.step(_("Restoring the PostgreSQL database with %(tool)s…") % {"tool": version})
    _run(
        [pg_restore, *conn_args, "--clean", "--if-exists", "--no-owner", "--no-privileges"]
        + ["--single-transaction", "--exit-on-error", f"--dbname={dbname}", str(db_file)],
        env,
        "pg_restore",
    )


def _extract(archive, work, manifest, progress):
    """Unpack into `work` and check every file against the manifest before anything live is
    touched: a damaged archive replaces nothing."""
    members = manifest["media"]["files"] + 2
    try:
        with (
            tarfile.open(archive, "r:gz") as tar,
            progress.counter(members, _("Unpacking the archive")) as bar,
        ):
            for member in tar:
                # The "data" filter refuses absolute paths, "..", links out and device files.
                tar.extract(member, work, filter="data")
                bar.update(1)
    except (OSError, tarfile.TarError) as exc:
        raise BackupError(
            _("%(path)s is not a readable lvzhi backup: %(error)s")
            % {"path": archive, "error": exc}
        ) from exc
    db_file = Path(work) / manifest["database"]["file"]
    if not db_file.is_file() or _sha256(db_file) != manifest["database"]["sha256"]:
        raise BackupError(_("The archive's database file is missing or damaged."))
    staged = Path(work) / MEDIA_DIR
    found = {p.relative_to(staged).as_posix(): p for p in _media_files(staged)}
    expected = manifest["media_sha256"]
    damaged = sorted(set(found) ^ set(expected))
    damaged += sorted(n for n in set(found) & set(expected) if _sha256(found[n]) != expected[n])
    if damaged:
        raise BackupError(
            _("The archive's uploaded files do not match its manifest: %(files)s")
            % {"files": ", ".join(damaged[:10])}
        )
    return db_file, staged


def _swap_media(staged, media_root, work):
    """Put the restored uploads in place of MEDIA_ROOT (a rename on the same file system;
    file by file when MEDIA_ROOT is a mount point)."""
    staged.mkdir(exist_ok=True)
    previous = Path(work) / "previous-media"
    if not media_root.exists():
        staged.rename(media_root)
        return
    try:
        media_root.rename(previous)
    except OSError:
        previous.mkdir()
        for child in list(media_root.iterdir()):
            shutil.move(child, previous / child.name)
        for child in list(staged.iterdir()):
            shutil.move(child, media_root / child.name)
    else:
        staged.rename(media_root)


def _live_fingerprint(progress):
    if connection.vendor == "sqlite":
        connection.ensure_connection()
        return fingerprint(connection.connection, "sqlite", progress)
    wrapper, raw = _pg_snapshot()
    try:
        return fingerprint(raw, "postgresql", progress)
    finally:
        wrapper.close()


def compare(expected, actual):
    """Lines naming every table whose rows or checksum differ from the manifest."""
    lines = []
    for table in sorted(set(expected) | set(actual)):
        want, got = expected.get(table), actual.get(table)
        if want == got:
            continue
        if want is None:
            lines.append(_("%(table)s: not in the archive") % {"table": table})
        elif got is None:
            lines.append(_("%(table)s: missing after the restore") % {"table": table})
        elif want["rows"] != got["rows"]:
            lines.append(
                _("%(table)s: %(got)s rows, the archive has %(want)s")
                % {"table": table, "got": got["rows"], "want": want["rows"]}
            )
        else:
            lines.append(_("%(table)s: checksum differs") % {"table": table})
    return lines


@dataclass
class RestoreReport:
    tables: int
    rows: int
    media_files: int
    mismatches: list
    pending_migrations: list


def restore(archive, *, force=False, progress=None):
    """Replace the configured database and MEDIA_ROOT with the archive's, then verify."""
    progress = progress or Progress()
    manifest = read_manifest(archive)
    check_compatible(manifest)
    if connection.in_atomic_block:
        raise BackupError(_("A restore cannot run inside a database transaction."))
    if not force and (held := database_holds_data()):
        raise BackupError(
            _(
                "The database is not empty (%(held)s); a restore replaces all of it. Use "
                "--force to overwrite it."
            )
            % {"held": held}
        )
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=media_root.parent, prefix=".lvzhi-restore-") as work:
        db_file, staged = _extract(archive, work, manifest, progress)
        load = _restore_sqlite if connection.vendor == "sqlite" else _restore_postgresql
        load(db_file, manifest, progress)
        progress.step(_("Restoring the uploaded files into %(path)s…") % {"path": media_root})
        _swap_media(staged, media_root, work)

    progress.step(_("Verifying row counts and checksums…"))
    actual = _live_fingerprint(progress)
    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return RestoreReport(
        tables=len(actual),
        rows=sum(t["rows"] for t in actual.values()),
        media_files=manifest["media"]["files"],
        mismatches=compare(manifest["tables"], actual),
        pending_migrations=[f"{m.app_label}.{m.name}" for m, _backwards in plan],
    )
