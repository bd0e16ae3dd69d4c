"""The one settings module.

Every value comes from the environment (or a `.env` file beside manage.py), with
defaults that let a bare checkout run on one machine: SQLite in `var/`, the
SQLite-backed Huey queue in `var/`, emails printed to the console. A value that
cannot be parsed stops start-up with a message naming the variable.
"""

import logging
import re
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlsplit

import environ
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from config.log_formats import JSON_FORMATTER

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

_env = environ.Env()
if (BASE_DIR / ".env").is_file():
    environ.Env.read_env(BASE_DIR / ".env")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return _env.str(name, default=default)


def env_bool(name: str, default: bool) -> bool:
    raw = _env.str(name, default="").strip().lower()
    if name not in _env.ENVIRON:
        return default
    if raw in _TRUE:
        return True
    if raw in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (or 1/0, yes/no, on/off), not {raw!r}.")


def env_int(name: str, default: int) -> int:
    raw = _env.str(name, default=str(default)).strip()
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}.") from None


def env_list(name: str, default: list[str]) -> list[str]:
    if name not in _env.ENVIRON:
        return default
    return [item.strip() for item in _env.str(name).split(",") if item.strip()]


def env_url_config(name: str, default: str, parse, schemes) -> dict:
    """Parse a URL-style variable (DATABASE_URL, EMAIL_URL) with django-environ."""
    raw = _env.str(name, default=default)
    scheme = raw.partition("://")[0]
    if scheme not in schemes:
        raise ImproperlyConfigured(f"{name} must start with one of {', '.join(sorted(schemes))}://, not {raw!r}.")
    try:
        return parse(raw)
    except Exception as error:  # django-environ raises several types for a malformed URL
        raise ImproperlyConfigured(f"{name} is not a valid URL ({error}): {raw!r}.") from None


DEBUG = env_bool("DEBUG", default=True)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off.")
    SECRET_KEY = "insecure-development-key-only-used-with-debug-on"  # noqa: S105

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
# The absolute base of every link in an email.
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000" if DEBUG else "").rstrip("/")
if not SITE_URL:
    raise ImproperlyConfigured(
        "SITE_URL must be set when DEBUG is off, e.g. https://ats.example.com (emails link there)."
    )

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # Full-text search (the candidates list) on PostgreSQL; inert on SQLite.
    "django.contrib.postgres",
    "rules.apps.AutodiscoverRulesConfig",
    "django_htmx",
    "template_partials",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "huey.contrib.djhuey",
    # The audit log's store (its LogEntry); ats/audit.py is the only writer.
    "auditlog",
    "ats",
]

MIDDLEWARE = [
    # /healthz and /readyz, answered before the Host check and the HTTPS redirect (ats/health.py).
    "ats.health.HealthCheckMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # After WhiteNoise, so static files never reach it; outside everything else, so it
    # sees every answer last, whichever middleware wrote it, and reads request.user on
    # the way out, when the API has authenticated its JWT.
    "ats.middleware.PrivateCacheMiddleware",
    # The client's address for the audit log (ATS_TRUSTED_PROXY_COUNT), set for the whole request.
    "ats.middleware.AuditAddressMiddleware",
    # Its process_view runs before CsrfViewMiddleware's, the first to read a body.
    "ats.middleware.RequestSizeLimitMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "ats.middleware.TimeZoneMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # The Content-Security-Policy header (CONTENT_SECURITY_POLICY below).
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "ats.middleware.HtmxAccessMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # After the user is known: a team member whose company requires two-factor and who
    # has not set it up reaches only its setup (ats.two_factor).
    "ats.middleware.TwoFactorRequiredMiddleware",
    # After the user is known; its 403 passes through HtmxAccessMiddleware like any other.
    "ats.middleware.OperatorMiddleware",
]

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
            ],
        },
    },
]

# Every form renders through our templates (templates/forms/, ats/forms/renderer.py);
# TemplatesSetting finds Django's own widget templates through the django.forms app.
INSTALLED_APPS += ["django.forms"]
FORM_RENDERER = "ats.forms.renderer.FormRenderer"

# Databases ------------------------------------------------------------------
VAR_DIR.mkdir(exist_ok=True)
DATABASES = {
    "default": env_url_config(
        "DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}", _env.db_url_config, _env.DB_SCHEMES
    ),
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # IMMEDIATE transactions and a busy timeout turn concurrent writers into a
    # short wait instead of an instant "database is locked"; WAL lets readers
    # carry on while one writer works.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("CONN_MAX_AGE", env_int("CONN_MAX_AGE", 60))
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
    # PostgreSQL's JIT compiles a query whose estimated cost is high, which costs up to
    # a second on these short queries (measured on the analytics page) and never pays back.
    options = DATABASES["default"].setdefault("OPTIONS", {})
    options["options"] = f"{options.get('options', '')} -c jit=off".strip()
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "ats.User"
AUTHENTICATION_BACKENDS = [
    "rules.permissions.ObjectPermissionBackend",
    # allauth's, reading the user's company with the user (ats/backends.py).
    "ats.backends.AuthenticationBackend",
]
# Argon2id at OWASP's cost (ats/hashers.py); the others verify older hashes, which
# Django rewrites with the first at each user's next login.
PASSWORD_HASHERS = [
    "ats.hashers.Argon2idPasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

# Public sign-up makes candidates only; allauth's emails go through our outbox. The
# adapter also picks where each role lands after logging in (LOGIN_REDIRECT_URL is
# its fallback for nobody) and lets superusers log in without confirming an email.
ACCOUNT_ADAPTER = "ats.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
# Adds the first and last name and the time zone (allauth's own fields can't ask them).
ACCOUNT_SIGNUP_FORM_CLASS = "ats.forms.accounts.CandidateSignupForm"
ACCOUNT_USER_DISPLAY = "ats.adapters.user_display"
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
# allauth's forms in our words (sentence-case labels); allauth keeps every check.
ACCOUNT_FORMS = {
    name: f"ats.forms.allauth_forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "reauthenticate": "ReauthenticateForm",
    }.items()
}
# Subjects say what the email is about; the sender already says who it is from.
ACCOUNT_EMAIL_SUBJECT_PREFIX = ""
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "10/m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "20/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "confirm_email": "1/3m/key",
}
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("ALLAUTH_TRUSTED_PROXY_COUNT", 0)

# The audit log: how many proxies of ours stand in front of the app. 0 (the default):
# the address is REMOTE_ADDR and X-Forwarded-For, which anyone can send, is ignored;
# N: the Nth address from the right of X-Forwarded-For, the one our outermost proxy saw.
ATS_TRUSTED_PROXY_COUNT = env_int("ATS_TRUSTED_PROXY_COUNT", 0)
# django-auditlog: nothing is tracked automatically (its registry would copy the
# candidates' names and fields into entries); ats/audit.py writes each entry itself.
# Its middleware is not used (it trusts X-Forwarded-For and stores a client's
# correlation id header): ats.middleware.AuditAddressMiddleware sets the address.
AUDITLOG_INCLUDE_ALL_MODELS = False
# Two-factor authentication (allauth.mfa): an authenticator app (TOTP) with recovery
# codes, for every account, and security keys or passkeys (WebAuthn) as a second factor
# beside them; a company may require an authenticator app of its team (Company.require_two_factor).
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
# A security key answers for the site's own origin; plain http only on a developer's machine.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_ADAPTER = "ats.adapters.MFAAdapter"
# The name the authenticator app shows beside the code.
MFA_TOTP_ISSUER = env_str("MFA_TOTP_ISSUER", "ATS")
MFA_FORMS = {
    "authenticate": "ats.forms.allauth_forms.MFAAuthenticateForm",
    "reauthenticate": "ats.forms.allauth_forms.MFAReauthenticateForm",
    "activate_totp": "ats.forms.allauth_forms.ActivateTOTPForm",
}

# Who sees what: hiring managers see every application of their company unless
# this is off, in which case they see only the jobs they are assigned to.
ATS_HIRING_MANAGERS_SEE_ALL = env_bool("ATS_HIRING_MANAGERS_SEE_ALL", default=True)

# Invitations send email with text the employer chooses (the company's name, the
# recruiter's): at most this many per recruiter an hour, per company a day, and
# per address a day (all companies together), counted in the database.
ATS_INVITATIONS_PER_RECRUITER_PER_HOUR = env_int("ATS_INVITATIONS_PER_RECRUITER_PER_HOUR", 20)
ATS_INVITATIONS_PER_COMPANY_PER_DAY = env_int("ATS_INVITATIONS_PER_COMPANY_PER_DAY", 100)
ATS_INVITATIONS_PER_ADDRESS_PER_DAY = env_int("ATS_INVITATIONS_PER_ADDRESS_PER_DAY", 3)

# Caches ---------------------------------------------------------------------
# The cache holds allauth's rate limits and the API's token throttle: login,
# sign-up, password reset and /api/token/ read it on every request. It lives in
# the database, the one service a request can't do without anyway, so a Redis
# outage delays emails (see the outbox) and never breaks a login.
#
# Django's database cache culls a third of its rows, live rate-limit counts included,
# on every write once it holds MAX_ENTRIES (300 by default: a hundred people logging
# in). The worker deletes the expired rows (ats.housekeeping), so the room is for live
# keys: far more than any burst of logins holds at once.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "ats_cache",
        "OPTIONS": {"MAX_ENTRIES": 100_000},
    }
}
REDIS_URL = env_str("REDIS_URL")

# Task queue -------------------------------------------------------------------
# settings.HUEY is read once at import (huey#482), so every value is explicit.
HUEY_IMMEDIATE = env_bool("HUEY_IMMEDIATE", default=False)
if REDIS_URL:
    import redis

    try:
        _redis_pool = redis.ConnectionPool.from_url(
            REDIS_URL, socket_connect_timeout=2, socket_timeout=3, health_check_interval=30
        )
    except ValueError as error:
        raise ImproperlyConfigured(f"REDIS_URL is not a valid Redis URL ({error}): {REDIS_URL!r}.") from None
    HUEY = {
        "huey_class": "huey.PriorityRedisHuey",
        "name": "ats",
        "immediate": HUEY_IMMEDIATE,
        # A dead broker must fail fast instead of hanging a request; the read
        # timeout stays above Huey's 1-second blocking read.
        "connection_pool": _redis_pool,
        # Tasks return nothing and nobody reads results; stored errors would only pile up.
        "results": False,
        "consumer": {"workers": env_int("HUEY_WORKERS", 4), "worker_type": "thread"},
    }
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": "ats",
        "immediate": HUEY_IMMEDIATE,
        "results": False,
        "filename": str(Path(env_str("HUEY_SQLITE_PATH", str(VAR_DIR / "huey.sqlite3"))).resolve()),
        "consumer": {"workers": env_int("HUEY_WORKERS", 2), "worker_type": "thread"},
    }

# Email ----------------------------------------------------------------------


def _email_url_config(url: str) -> dict:
    """django-environ's reading of EMAIL_URL, except that filemail:///abs/path writes
    to /abs/path: django-environ drops the leading slash, and the emails landed in a
    folder of that name under wherever the process was started."""
    config = _env.email_url_config(url)
    if url.startswith("filemail:"):
        parts = urlsplit(url)
        if parts.netloc or not parts.path.startswith("/"):
            raise ValueError("filemail needs an absolute folder, e.g. filemail:///var/mail/ats")
        config["EMAIL_FILE_PATH"] = unquote(parts.path)
    return config


_email = env_url_config("EMAIL_URL", "consolemail://", _email_url_config, _env.EMAIL_SCHEMES)
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
for _key in ("EMAIL_FILE_PATH", "EMAIL_HOST", "EMAIL_PORT", "EMAIL_HOST_USER", "EMAIL_HOST_PASSWORD"):
    if _email.get(_key) not in (None, ""):
        globals()[_key] = _email[_key]
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "ATS <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / "var" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Uploaded files (resumes, data exports): on local disk (MEDIA_ROOT) unless a bucket is
# named, then in any S3-compatible object storage through django-storages, so that
# every web process and worker sees the same files without a shared disk. Objects are
# private: the permission-checked views read them and pass them on. boto3 reads the
# credentials itself (AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or the machine's role).
AWS_STORAGE_BUCKET_NAME = env_str("AWS_STORAGE_BUCKET_NAME")
if AWS_STORAGE_BUCKET_NAME:
    _default_storage: dict = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            # Another S3-compatible service (MinIO, R2, moto in the tests): its address.
            "endpoint_url": env_str("AWS_S3_ENDPOINT_URL") or None,
            "region_name": env_str("AWS_S3_REGION_NAME") or None,
            "addressing_style": env_str("AWS_S3_ADDRESSING_STYLE") or None,
            # A prefix for this site's objects, so that a bucket may hold more than them.
            "location": env_str("AWS_LOCATION", "media"),
            # Names are random (resume_upload_to); an existing object is never replaced.
            "file_overwrite": False,
            # No ACL on the objects: they are as private as the bucket (keep public access blocked).
            "default_acl": None,
        },
    }
else:
    _default_storage = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _default_storage,
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media"))).resolve()
# Media is never served as public files: resumes go through a permission-checked view.
MEDIA_URL = "/media/"
# Uploads above this stream to a temporary file.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
ATS_RESUME_MAX_BYTES = 5 * 1024 * 1024
# Request bodies (ats.middleware.RequestSizeLimitMiddleware): a page's form fits in
# 1 MB and the API's JSON in 256 KB; the apply form and the API's apply carry a
# resume, so they take its limit plus 256 KB for the cover letter and the form's
# other fields. A body declared larger is refused before any of it is read.
ATS_REQUEST_MAX_BYTES = 1024 * 1024
ATS_API_REQUEST_MAX_BYTES = 256 * 1024
ATS_UPLOAD_REQUEST_MAX_BYTES = ATS_RESUME_MAX_BYTES + 256 * 1024
# The non-file fields of any one request: Django reads them into memory, even the
# ones sent before a resume that is then refused, so no more than a page's body.
DATA_UPLOAD_MAX_MEMORY_SIZE = ATS_REQUEST_MAX_BYTES

# Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# Security -------------------------------------------------------------------
SESSION_ENGINE = "ats.sessions"  # database sessions that refuse a malformed cookie
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A strict Content Security Policy (django-csp 4): everything comes from our own origin,
# and no inline script, inline style, event handler attribute or eval anywhere (the API
# docs and the admin included), so an injected <script> or style= does nothing. A page
# that seems to need an exception moves its code to a static file instead (the API docs' data:
# icons are the one addition, on that page alone: ats/api/urls.py).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "object-src": [NONE],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
    },
}
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True


def _drop_client_error_traceback(record: logging.LogRecord) -> bool:
    """A 4xx is the visitor's doing (a refused permission, a page that isn't there):
    one line says it. Django attaches the PermissionDenied it caught, whose traceback
    would bury the lines that matter; a 5xx keeps its traceback."""
    if 400 <= getattr(record, "status_code", 0) < 500:
        record.exc_info = None
        record.exc_text = None
    return True


# LOG_FORMAT=json writes each line as a JSON object (config/log_formats.py), for a log collector.
LOG_FORMAT = env_str("LOG_FORMAT", "text")
if LOG_FORMAT not in ("text", "json"):
    raise ImproperlyConfigured(f"LOG_FORMAT must be text or json, not {LOG_FORMAT!r}.")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        "json": JSON_FORMATTER,
    },
    "filters": {"no_client_error_traceback": {"()": lambda: _drop_client_error_traceback}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        # Django's default logging gives the "django" logger a console handler of its
        # own (with DEBUG on), and the record also reaches the root's: every request
        # error was printed twice. Its records go to the root's handler only.
        "django": {"handlers": [], "level": "INFO"},
        "django.request": {"filters": ["no_client_error_traceback"]},
        "django.db.backends": {"level": "WARNING"},
        # With a handler here, run_huey adds none of its own: each line is printed once.
        "huey": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# JSON API (Django REST framework, Simple JWT, drf-spectacular) ----------------
INSTALLED_APPS += [
    "rest_framework",
    "rest_framework_simplejwt.token_blacklist",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
]
API_TOKEN_RATE = env_str("API_TOKEN_RATE", "20/min")
if not re.fullmatch(r"[1-9]\d*/(s|sec|m|min|h|hour|d|day)", API_TOKEN_RATE):
    raise ImproperlyConfigured(
        f"API_TOKEN_RATE must look like 20/min (a number per s, min, hour or day), not {API_TOKEN_RATE!r}."
    )
REST_FRAMEWORK = {
    # JWT first: an anonymous request then gets 401 with a WWW-Authenticate
    # header; sessions let the browsable API work for a logged-in user. Both refuse a
    # team member who must still set up two-factor (ats.api.authentication).
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "ats.api.authentication.TwoFactorJWTAuthentication",
        "ats.api.authentication.TwoFactorSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    # DRF's three, with a JSON parser that refuses bodies nested too deeply (ats.api.parsers).
    "DEFAULT_PARSER_CLASSES": [
        "ats.api.parsers.JSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "DEFAULT_PAGINATION_CLASS": "ats.api.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "ats.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"token": API_TOKEN_RATE},
    # Client addresses for the throttle: the same proxy count allauth trusts.
    "NUM_PROXIES": ALLAUTH_TRUSTED_PROXY_COUNT,
}
SIMPLE_JWT = {
    # A short-lived access token limits what a leaked one is worth; the refresh
    # token is rotated on each use and the used one blacklisted, so a stolen
    # refresh token stops working as soon as its owner refreshes.
    "ACCESS_TOKEN_LIFETIME": timedelta(minutes=env_int("API_ACCESS_TOKEN_MINUTES", 15)),
    "REFRESH_TOKEN_LIFETIME": timedelta(hours=env_int("API_REFRESH_TOKEN_HOURS", 24)),
    "ROTATE_REFRESH_TOKENS": True,
    "BLACKLIST_AFTER_ROTATION": True,
    "UPDATE_LAST_LOGIN": False,
    "AUTH_HEADER_TYPES": ("Bearer",),
    # Changing the password invalidates every token issued before.
    "CHECK_REVOKE_TOKEN": True,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "ATS API",
    "DESCRIPTION": (
        "The seed-compatible JSON API: JWT from /api/token/, jobs, applications, apply, "
        "change-stage, stage histories, interviews and scorecards, with the same permissions as the browser UI."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "StageEnum": "ats.workflow.Stage",
        "JobStatusEnum": "ats.models.Job.Status",
        "InterviewStatusEnum": "ats.workflow.InterviewStatus",
        "RatingEnum": "ats.workflow.Rating",
    },
    # The docs page loads Swagger UI from our own static files, never a CDN.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
}
