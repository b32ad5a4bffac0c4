"""Settings shared by every environment.

Everything that differs between machines comes from environment variables, so that one
code base serves `make run` (SQLite, no servers), the test suite and production.
"""

import os
from pathlib import Path

import dj_database_url

from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# PyThaiNLP must never download corpora or write into the home directory.
os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


INSTALLED_APPS = [
    "portal",
    "home",
    "learning_centres",
    "search",
    "open_data",
    "wagtail.api.v2",
    "rest_framework",
    "exchange",
    "alerts",
    "usage",
    "attachments",
    "health",
    "pagecache",
    "wagtail.contrib.forms",
    "wagtail.contrib.simple_translation",
    "wagtail.locales",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.search_promotions",
    "wagtail.contrib.sitemaps",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_tasks",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "portal.request_log.RequestLogMiddleware",
    # Usage figures: above any page cache, so cached pages are counted too (usage/middleware.py).
    "usage.middleware.UsageMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "portal.security.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.public_limits.PublicRateLimitMiddleware",
    # The page cache (pagecache/middleware.py says why each half sits where it does). A
    # middleware that must see every page view, cached or not, goes above the Fetch half.
    "pagecache.middleware.UpdatePageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "pagecache.middleware.FetchFromPageCacheMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "portal.login_limits.LoginRateLimitMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.security.csp",
            ],
        },
    },
]

WSGI_APPLICATION = "portal.wsgi.application"

# SQLite in the project folder unless DATABASE_URL says otherwise (PostgreSQL in production).
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    # Whole pages for anonymous visitors (pagecache/). In the database, so every gunicorn
    # worker and every application server shares one cache and one purge, without a Redis
    # to run (docs/decisions.md, "The page cache").
    "pages": {
        "BACKEND": os.environ.get("PAGE_CACHE_BACKEND", "django.core.cache.backends.db.DatabaseCache"),
        "LOCATION": os.environ.get("PAGE_CACHE_LOCATION", "portal_page_cache"),
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("PAGE_CACHE_MAX_ENTRIES", "20000")), "CULL_FREQUENCY": 4},
    },
}
PAGE_CACHE_ALIAS = "pages"
# How long a cached page may be served (seconds; 0 switches the cache off). Publishing purges
# precisely before then; only the lists of related cases on other case studies wait for it.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "600"))
# Never cached (with or without /en): the admin, documents (permission checks), APIs, search
# (every query differs; its results follow the engine), visit and contact forms, health.
# A name for the deployed release (e.g. its commit), part of every cached page's key with the
# templates, translations and static files (pagecache.generations.release).
PAGE_CACHE_RELEASE = os.environ.get("PAGE_CACHE_RELEASE", "")
PAGE_CACHE_EXCLUDE = ("/admin/", "/documents/", "/api/", "/search/", "/visits/", "/contact/", "/health/", "/_errors/")

# Client addresses (portal/clients.py): X-Forwarded-For is believed only from these proxies
# (addresses or networks, comma-separated), e.g. TRUSTED_PROXIES=127.0.0.1 behind a local nginx.
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES")
# Searches and API calls per client address (IPv6: per /64) per minute; 0 switches it off.
PUBLIC_RATE_LIMIT_PER_MINUTE = int(os.environ.get("PUBLIC_RATE_LIMIT_PER_MINUTE", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Thai first; English available. Thai lives at the unprefixed URLs and English under /en/
# (portal/urls.py: i18n_patterns without a default-language prefix), so Django's
# LocaleMiddleware picks the language from the path alone: an unprefixed URL is always Thai,
# whatever the browser's Accept-Language says.
LANGUAGE_CODE = "th"
LANGUAGES = [("th", "ไทย"), ("en", "English")]
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
# Pages created in the Thai tree get English aliases until an editor translates them.
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = True
# locale/th completes Wagtail's own Thai for the admin and wins over it (README, "The admin in Thai").
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Bangkok"
# Editors all work on Thai time: offer it alone instead of the ~600 zone names in English.
WAGTAIL_USER_TIME_ZONES = ["Asia/Bangkok"]
WAGTAILADMIN_USER_LOGIN_FORM = "portal.admin_forms.ThaiLoginForm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: refuse decompression bombs and oversized files before they reach Pillow. No SVG
# (it can carry scripts); documents are always downloaded, never shown inline, through
# Wagtail's serve view (which adds "Content-Security-Policy: default-src 'none'").
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp", "gif"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "pptx", "odt", "ods", "csv", "txt", "zip"]
WAGTAILDOCS_SERVE_METHOD = "serve_view"
# Replacing the file of an existing image or document is an editor's right (docs/decisions.md).
WAGTAILIMAGES_IMAGE_FORM_BASE = "learning_centres.media_forms.ImageForm"
WAGTAILDOCS_DOCUMENT_FORM_BASE = "learning_centres.media_forms.DocumentForm"
WAGTAILDOCS_INLINE_CONTENT_TYPES: list[str] = []
WAGTAILDOCS_BLOCK_EMBEDDED_CONTENT = True
# Form fields (not files) held in memory; files above FILE_UPLOAD_MAX_MEMORY_SIZE go to disk.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_PERMISSIONS = 0o640
# Imports (open_data.importing; docs/open-data.md, "Limits"): what one import file may cost.
# Pictures and documents inside a ZIP pass the WAGTAILIMAGES_*/WAGTAILDOCS_* limits above.
IMPORT_MAX_UPLOAD_SIZE = 200 * 1024 * 1024  # the admin's import form; the command has no cap
IMPORT_ZIP_MAX_UNCOMPRESSED = 1024 * 1024 * 1024  # a ZIP's members, unpacked, in all
IMPORT_XLSX_MAX_UNCOMPRESSED = 200 * 1024 * 1024  # an XLSX's parts, unpacked, in all
IMPORT_XLSX_MAX_SHARED_STRINGS = 50 * 1024 * 1024  # openpyxl loads this part whole
IMPORT_MAX_COMPRESSION_RATIO = 100  # a member over 1 MiB unpacking beyond this is a bomb
# Admin uploads wait here (owner-only) until the background import has read them.
IMPORT_UPLOAD_DIR = Path(os.environ.get("IMPORT_UPLOAD_DIR", BASE_DIR / "var" / "imports"))

# Security headers on every response (portal/security.py; README "Security").
# Public pages: no inline script or style, nothing from another host.
SECURE_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "form-action": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "frame-ancestors": ["'self'"],
}
# The Wagtail admin (behind login) still writes inline scripts for its panels and choosers
# and inline styles, and builds images from data:/blob: URLs; everything else stays strict.
SECURE_CSP_ADMIN_PREFIX = "/admin/"
SECURE_CSP_ADMIN = {
    **SECURE_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
}
PERMISSIONS_POLICY = "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"

WAGTAIL_SITE_NAME = _("คลังความรู้ อปท.")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
WAGTAIL_ENABLE_UPDATE_CHECK = False
# No avatars from gravatar.com: no other host, and editors' e-mail hashes stay here.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
# …and read back the same way in English too (portal/formats/en/formats.py).
FORMAT_MODULE_PATH = ["portal.formats"]
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

# Wagtail's own search serves the admin only; the public search lives in the `search` app.
# Page searches (the admin, /api/v2/?search=) go through the portal's search service
# (search/wagtail_backend.py); images, documents and snippets use Wagtail's database backend.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.wagtail_backend"}}

# Wagtail's own background work (reference index updates, image focal points, deleting
# replaced files) is queued in the database by django-tasks and run by `manage.py db_worker`.
# Search index updates do not go through it: they have their own outbox (docs/decisions.md).
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# Search engine (see README: "Search engine"). Unset SEARCH_URL means no engine.
SEARCH_URL = os.environ.get("SEARCH_URL", "")
SEARCH_ENGINE = os.environ.get("SEARCH_ENGINE", "opensearch")
SEARCH_INDEX_PREFIX = os.environ.get("SEARCH_INDEX_PREFIX", "lao-portal")
# A search a visitor waits for gives up after this many seconds and the database answers; after
# SEARCH_BREAKER_FAILURES failures in a row the engine is not asked again for
# SEARCH_BREAKER_RESET_SECONDS (then one trial request decides).
SEARCH_REQUEST_TIMEOUT = float(os.environ.get("SEARCH_REQUEST_TIMEOUT", "1.5"))
SEARCH_BREAKER_FAILURES = int(os.environ.get("SEARCH_BREAKER_FAILURES", "3"))
SEARCH_BREAKER_RESET_SECONDS = float(os.environ.get("SEARCH_BREAKER_RESET_SECONDS", "30"))
# Shape of a new index (applied by the next rebuild): one shard holds 1M case studies; a
# cluster of three nodes wants one replica, so that losing a node loses no data.
SEARCH_INDEX_SHARDS = int(os.environ.get("SEARCH_INDEX_SHARDS", "1"))
SEARCH_INDEX_REPLICAS = int(os.environ.get("SEARCH_INDEX_REPLICAS", "0"))
# Processes that build documents (Thai segmentation) during a full rebuild; 0: one per CPU.
SEARCH_REBUILD_WORKERS = int(os.environ.get("SEARCH_REBUILD_WORKERS", "0"))
# Failed deliveries of one page's search document before it is set aside and shown to
# editors (Reports → search index problems); the page's next change tries it again.
SEARCH_OUTBOX_MAX_ATTEMPTS = int(os.environ.get("SEARCH_OUTBOX_MAX_ATTEMPTS", "8"))

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "noreply@lao-portal.local")
# The programme's public address, offered as "contact us" in every page's footer (unset: the
# footer's contact link leads to the about page).
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "")
# Mail is delivered by the task worker (portal/mail.py): each SMTP conversation gives up after
# EMAIL_TIMEOUT seconds and is retried after MAIL_RETRY_SECONDS, doubling, MAIL_MAX_ATTEMPTS times.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "10"))
MAIL_RETRY_SECONDS = float(os.environ.get("MAIL_RETRY_SECONDS", "30"))
MAIL_MAX_ATTEMPTS = int(os.environ.get("MAIL_MAX_ATTEMPTS", "8"))

# Study visits and contact messages (exchange app): personal data is anonymised this many
# days after a request's last change by `manage.py anonymise_visit_requests`.
EXCHANGE_RETENTION_DAYS = int(os.environ.get("EXCHANGE_RETENTION_DAYS", "365"))
# A case study with no follow-up for this many months reminds its contributors (learning_centres.reminders).
OUTCOME_REMINDER_MONTHS = int(os.environ.get("OUTCOME_REMINDER_MONTHS", "12"))
# Alerts (README: "E-mail alerts"): an address that never confirms is deleted after this many days;
# the subscribe form takes ALERTS_RATE_LIMIT posts per client an hour, and sends at most
# ALERTS_ADDRESS_LIMIT confirmation mails to one address a day.
ALERTS_UNCONFIRMED_DAYS = int(os.environ.get("ALERTS_UNCONFIRMED_DAYS", "7"))
ALERTS_RATE_LIMIT = int(os.environ.get("ALERTS_RATE_LIMIT", "10"))
ALERTS_ADDRESS_LIMIT = int(os.environ.get("ALERTS_ADDRESS_LIMIT", "3"))
# Form submissions (visit requests, contact messages) per client address per hour.
EXCHANGE_FORM_RATE_LIMIT = int(os.environ.get("EXCHANGE_FORM_RATE_LIMIT", "10"))

LOGIN_URL = "wagtailadmin_login"

# Logs go to stderr (the process supervisor or journald keeps them): one JSON object per line
# with LOG_FORMAT=json (production's default), readable text otherwise. Every line written
# while serving a request carries its request_id (portal/request_log.py); errors carry their
# traceback. ADMINS ("Name <address>, …") also get each server error by mail.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "text")
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
ADMINS = [tuple(part.strip() for part in admin.rsplit("<", 1)) for admin in env_list("ADMINS")]
ADMINS = [(name, address.rstrip(">")) for name, address in ADMINS if address]
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)


def logging_config(log_format: str, level: str) -> dict:
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {
            "request_id": {"()": "portal.request_log.RequestIdFilter"},
            "require_debug_false": {"()": "django.utils.log.RequireDebugFalse"},
        },
        "formatters": {
            "json": {
                "()": "pythonjsonlogger.json.JsonFormatter",
                "fmt": "%(levelname)s %(name)s %(message)s %(request_id)s",
                "timestamp": "time",  # ISO 8601, UTC
                "rename_fields": {"levelname": "level", "name": "logger", "exc_info": "traceback"},
            },
            "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        },
        "handlers": {
            "stderr": {"class": "logging.StreamHandler", "formatter": log_format, "filters": ["request_id"]},
            "mail_admins": {
                "class": "django.utils.log.AdminEmailHandler",
                "level": "ERROR",
                "filters": ["require_debug_false"],
            },
        },
        "root": {"handlers": ["stderr"], "level": level},
        "loggers": {
            "django.request": {"handlers": ["stderr", "mail_admins"], "level": "WARNING", "propagate": False},
            # Wagtail logs each page created or published at INFO (thousands of lines while the
            # demo loads); its audit log in the database keeps those events anyway.
            "wagtail": {"level": "WARNING"},
            # The engine clients log every request at INFO; the portal logs what matters.
            "opensearch": {"level": "WARNING"},
            "elastic_transport": {"level": "WARNING"},
            # Requests are logged once, by portal.requests; the runserver's own line is noise.
            "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
        },
    }


LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)
