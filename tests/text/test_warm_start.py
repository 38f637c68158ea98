"""The word dictionary loads when the production server starts, not on a user's first
search; test runs and ordinary commands do not load it."""

import subprocess
import sys

CHECK = "import sys, jieba; print('loaded' if jieba.dt.initialized else 'cold')"


def python(code, **env):
    base = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "lvzhi.settings", **env}
    done = subprocess.run(
        [sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_production_application_starts_with_the_dictionary_loaded(tmp_path):
    production = {"DEBUG": "0", "SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "lvzhi.example"}
    production["DATABASE_URL"] = f"sqlite:///{tmp_path}/db.sqlite3"
    assert python(f"import lvzhi.wsgi; {CHECK}", **production) == "loaded"


def test_setting_up_django_leaves_the_dictionary_unloaded(tmp_path):
    code = f"import django; django.setup(); {CHECK}"
    assert python(code, DEBUG="1", DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3") == "cold"
