"""Settings for Chemin faisant, read from the environment (see .env.example).

Without DATABASE_URL the app runs on a local SQLite file in WAL mode, so a fresh checkout works
with nothing to configure; with DATABASE_URL=postgres://… it runs on PostgreSQL.
"""

import datetime
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from config.env import env_bool, env_fernet_keys, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = env_str("SECRET_KEY", required=not DEBUG) or "dev-only-insecure-key-change-me-0123456789abcdef"
if not DEBUG and len(SECRET_KEY) < 50:
    raise ImproperlyConfigured("SECRET_KEY doit contenir au moins 50 caractères en production.")
# Encryption at rest of special-category data (chemin/core/encryption.py): comma-separated Fernet
# keys, the first encrypts, all decrypt (rotation). Required outside DEBUG; the development key is
# public and `check --deploy` refuses it.
DEVELOPMENT_FIELD_ENCRYPTION_KEY = "jzZC46-RHHSFBwu9rX03XB0TylE58KRSOFG2Y-AgueE="
FIELD_ENCRYPTION_KEYS = env_fernet_keys("FIELD_ENCRYPTION_KEYS", required=not DEBUG) or [
    DEVELOPMENT_FIELD_ENCRYPTION_KEY
]

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_tasks",
    "django_tasks_db",
    "auditlog",
    "chemin.core",
    "chemin.territories",
    "chemin.accounts",
    "chemin.referentials",
    "chemin.prescribers",
    "chemin.participants",
    "chemin.pathways",
    "chemin.referrals",
    "chemin.jobwishes",
    "chemin.steps",
    "chemin.notes",
    "chemin.portfolio",
    "chemin.barriers",
    "chemin.partners",
    "chemin.activations",
    "chemin.companies",
    "chemin.matching",
    "chemin.opportunities",
    "chemin.immersions",
    "chemin.events",
    "chemin.employments",
    "chemin.exits",
    "chemin.appointments",
    "chemin.workshops",
    "chemin.agreements",
    "chemin.reporting",
    "chemin.audit",
    "chemin.documents",
    "chemin.privacy",
    "chemin.prescriber_portal",
    "chemin.participant_space",
    "chemin.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "chemin.core.middleware.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "chemin.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "chemin.core.middleware.NullCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "chemin.accounts.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "chemin.accounts.middleware.CurrentTerritoryMiddleware",
    "chemin.accounts.middleware.TwoFactorMiddleware",
    # Prescribers and accompanied people reach their own window only.
    "chemin.accounts.middleware.OutsideWindowMiddleware",
    # Records who made each change on personal data (django-auditlog, chemin/audit).
    "auditlog.middleware.AuditlogMiddleware",
    # Records every read of a participant file, restricted notes or export (chemin/audit/reads.py).
    "chemin.audit.middleware.ReadLogMiddleware",
    # Last, as django-axes asks: turns a locked account's sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

# django-auditlog writes its entries in chemin.audit's ChangeEntry, which refuses edits and deletes
# and names the participant each change is about. auditlog's own migrations only create the table
# of the model ChangeEntry replaces: left unused, its foreign keys would stop Django from emptying
# the users table (test flushes on PostgreSQL), so they are not run.
AUDITLOG_LOGENTRY_MODEL = "audit.ChangeEntry"
MIGRATION_MODULES = {"auditlog": None}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "chemin.accounts.context_processors.territories",
            ],
        },
    },
]

# Database: PostgreSQL through DATABASE_URL, SQLite (WAL, busy timeout) otherwise.
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    if not DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperlyConfigured("DATABASE_URL doit commencer par postgres:// ou postgresql://.")
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
else:
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": env_str("SQLITE_PATH", str(BASE_DIR / "var" / "db.sqlite3")),
            "OPTIONS": {
                "timeout": 20,
                "transaction_mode": "IMMEDIATE",
                "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "accounts:login"
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Sessions end after this many seconds without activity (every request renews the cookie).
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_TIMEOUT", 4 * 3600, minimum=300)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
PASSWORD_RESET_TIMEOUT = 3600
# Two-factor authentication for staff (chemin/accounts/two_factor.py): required in production,
# off in the `make run` demo (DEBUG) unless TWO_FACTOR_REQUIRED=true.
TWO_FACTOR_REQUIRED = env_bool("TWO_FACTOR_REQUIRED", not DEBUG)
OTP_TOTP_ISSUER = "Chemin faisant"
# Lockout (django-axes): an account is locked after LOGIN_FAILURE_LIMIT failed sign-ins in a row,
# for LOGIN_LOCKOUT_MINUTES (or until an administrator unlocks it: `manage.py axes_reset_username`).
# Counted per account (email), whatever the address it comes from; a success resets the count.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 11, minimum=3)
AXES_COOLOFF_TIME = datetime.timedelta(minutes=env_int("LOGIN_LOCKOUT_MINUTES", 30, minimum=1))
AXES_LOCKOUT_PARAMETERS = ["username"]
AXES_USERNAME_CALLABLE = "chemin.accounts.views.lockout_username"
# axes.W006 asks to also lock by IP address: one office behind one address would then lock every
# colleague out after a few typos. The account lock cannot be dodged by changing browser or cookie.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "chemin.accounts.views.locked_out"
# Axes' own log lines name the account (an email address): logs carry ids only.
AXES_VERBOSE = False

# Internationalisation: French interface, English available.
LANGUAGE_CODE = "fr"
LANGUAGES = [("fr", _("French")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Paris"
USE_I18N = True
USE_TZ = True

# Static files, served by whitenoise (no CDN: everything is vendored under static/).
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "var" / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Documents attached to participant files (chemin/documents). They live outside any public URL,
# in PRIVATE_MEDIA_ROOT, and are served only by a view that checks permissions; never put this
# folder behind the web server. validators.py checks each file's content and size.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
DOCUMENT_MAX_BYTES = env_int("DOCUMENT_MAX_BYTES", 10 * 1024 * 1024, minimum=1024)
# Django never caps the size of an uploaded file while reading a request: the reverse proxy must
# refuse larger bodies (nginx: client_max_body_size 12m for the default 10 MB). Files over 2.5 MB
# are spooled to a temporary file rather than kept in memory; other fields are capped at 2.5 MB;
# no form of the product sends more than one file at a time.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 10

# Email: console in development, SMTP from the environment in production.
EMAIL_BACKEND = env_str(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Chemin faisant <ne-pas-repondre@chemin-faisant.local>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
# Text messages (appointment reminders): a backend class from chemin/core/sms.py. No SMS provider
# is wired in: the console backend prints them (development), the file backend appends them to
# SMS_FILE_PATH — by default outside development, so message bodies never reach the server logs.
SMS_BACKEND = env_str(
    "SMS_BACKEND", "chemin.core.sms.ConsoleBackend" if DEBUG else "chemin.core.sms.FileBackend"
)
SMS_FILE_PATH = env_str("SMS_FILE_PATH", str(BASE_DIR / "var" / "sms.log"))

# Background work (reminders, long exports) goes through Django's tasks framework, stored in the
# database (SQLite or PostgreSQL alike) and run by `python manage.py db_worker` — never by a
# request. `make run` starts the worker next to the server.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}

# Security. Production (DEBUG off) is HTTPS-only behind a reverse proxy.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = not DEBUG
CSRF_COOKIE_SECURE = not DEBUG
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000, minimum=0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = not DEBUG
SECURE_HSTS_PRELOAD = not DEBUG
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    # WeasyPrint reports every CSS property it ignores at INFO: noise, not news.
    "loggers": {"weasyprint": {"level": "WARNING"}, "fontTools": {"level": "WARNING"}},
}

# The organisation's name, printed on the funder reports (chemin/reporting/pdf.py).
ORGANISATION_NAME = env_str("ORGANISATION_NAME", "Chemin faisant")

# Demo: the seed_demo command prints its passwords only when this is on.
DEMO_MODE = env_bool("DEMO_MODE", DEBUG)

# A partner referral still unanswered after this many days shows in the counsellor's alerts.
PARTNER_REFERRAL_OVERDUE_DAYS = env_int("PARTNER_REFERRAL_OVERDUE_DAYS", 10, minimum=1)

# A company not contacted for this many days shows on "My day" as one to call back.
COMPANY_STALE_AFTER_DAYS = env_int("COMPANY_STALE_AFTER_DAYS", 30, minimum=1)

# A prescriber may answer an activation through its signed link for this many days after sending.
ACTIVATION_LINK_MAX_AGE_DAYS = env_int("ACTIVATION_LINK_MAX_AGE_DAYS", 30, minimum=1)

# An accompanied person signs in to their space through an email link valid this many seconds
# (chemin/participant_space/tokens.py); using it once ends it.
PARTICIPANT_LINK_MAX_AGE = env_int("PARTICIPANT_LINK_MAX_AGE", 30 * 60, minimum=60)

# An employer contact may answer a follow-up check-in through its signed link for this many days.
EMPLOYER_LINK_MAX_AGE_DAYS = env_int("EMPLOYER_LINK_MAX_AGE_DAYS", 21, minimum=1)

# RGPD retention: a person whose pathways all closed more than this many days ago is anonymised by
# the worker's nightly job (chemin/privacy). At least a year: funders audit the previous year.
RETENTION_CLOSED_PATHWAY_DAYS = env_int("RETENTION_CLOSED_PATHWAY_DAYS", 730, minimum=365)
