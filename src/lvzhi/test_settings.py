"""Settings for the test suite: the real settings, with test-only speed-ups."""

import os
import tempfile
from pathlib import Path

os.environ.setdefault("LVZHI_TESTING", "1")

from lvzhi.settings import *  # noqa: E402,F403
from lvzhi.settings import STORAGES  # noqa: E402

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Job files (uploads waiting for the worker, exported workbooks) go to a throw-away folder.
JOB_FILES_DIR = Path(tempfile.mkdtemp(prefix="lvzhi-test-jobs-"))
# The sign-in lockout needs the request, which client.login() does not pass; the tests of
# the lockout switch it on (tests/core/test_abuse_limits.py).
AXES_ENABLED = False
