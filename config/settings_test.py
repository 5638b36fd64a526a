"""Settings for the test suite: the production module with fast, deterministic tweaks."""

import atexit
import os
import shutil
import tempfile
from pathlib import Path

os.environ.setdefault("DEBUG", "false")
os.environ.setdefault("SECRET_KEY", "test-only-secret-key-not-for-production-0123456789abcdef")
os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
os.environ.setdefault("SECURE_SSL_REDIRECT", "false")
# A fixed key of the suite's own (tests/core/test_encryption.py swaps keys to test rotation).
os.environ.setdefault("FIELD_ENCRYPTION_KEYS", "neyUjjSB-gfTtvqfWfDEvA5QkZygDhagdHg1Nd7mKMg=")

from config.settings import *  # noqa: F403
from config.settings import DATABASES

# Attached documents go to a throwaway folder, removed when the run ends (one per process, so
# parallel workers never share it); tests/documents gives each test its own.
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="chemin-test-private-"))
atexit.register(shutil.rmtree, PRIVATE_MEDIA_ROOT, ignore_errors=True)

# Hashing with Argon2 in every test would make the suite slow for no benefit.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
SMS_BACKEND = "chemin.core.sms.LocmemBackend"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Off for the suite, which signs users in directly; tests/accounts/test_two_factor.py and the
# browser test turn it on to check it is enforced.
TWO_FACTOR_REQUIRED = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    DATABASES["default"]["TEST"] = {"NAME": None}
# Serve static files straight from the source folders: no collectstatic before the tests.
WHITENOISE_AUTOREFRESH = True
WHITENOISE_USE_FINDERS = True
