"""Settings come from the environment: safe refusals and a clean deployment check."""

import os
import subprocess
import sys
from pathlib import Path

import polib

LOCALE = Path(__file__).resolve().parents[2] / "src" / "lvzhi" / "locale"


def clean_env(**env):
    """The environment for a real `lvzhi` process: the production settings, and not even
    what other tests (e.g. the browser tests) have set."""
    dropped = {"DEBUG", "SECRET_KEY", "LVZHI_TESTING", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    full_env = {k: v for k, v in os.environ.items() if k not in dropped}
    full_env.update(env)
    full_env["DJANGO_SETTINGS_MODULE"] = "lvzhi.settings"
    return full_env


def lvzhi(*args, **env):
    return subprocess.run(
        [sys.executable, "-m", "lvzhi", *args],
        env=clean_env(**env),
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_secret_key_is_required_when_debug_is_off(tmp_path):
    result = lvzhi("check", DATA_DIR=str(tmp_path))
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_deploy_check_is_clean_with_production_settings(tmp_path):
    secret = tmp_path / "secret"
    secret.write_text("a-production-secret-" + "x" * 50)
    result = lvzhi(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        SECRET_KEY_FILE=str(secret),
        ALLOWED_HOSTS="lvzhi.example.org",
        DATA_DIR=str(tmp_path),
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_chinese_catalogue_is_complete_and_compiled():
    po_path = LOCALE / "zh_Hans" / "LC_MESSAGES" / "django.po"
    po = polib.pofile(str(po_path))
    missing = [e.msgid for e in po.untranslated_entries() + po.fuzzy_entries()]
    assert missing == []
    compiled = polib.mofile(str(po_path.with_suffix(".mo")))
    # keyed with the context: one English word may read two ways (pgettext, e.g. 主办 / 牵头)
    assert {(e.msgctxt, e.msgid): e.msgstr for e in compiled if e.msgid and not e.msgid_plural} == {
        (e.msgctxt, e.msgid): e.msgstr for e in po.translated_entries() if not e.msgid_plural
    }


def test_no_translated_string_hides_inside_an_f_string():
    """xgettext does not read inside f-strings: a `_("…")` there never reaches the catalogue,
    and the user sees English (a duty record once downloaded as "卡萝-duty record-2024")."""
    import re

    pattern = re.compile(r"""\{_\(["']""")
    offenders = [
        f"{path.relative_to(LOCALE.parent)}:{n}"
        for path in sorted(LOCALE.parent.rglob("*.py"))
        if "migrations" not in path.parts
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if pattern.search(line)
    ]
    assert offenders == []
