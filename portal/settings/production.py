"""Production: every secret comes from the environment, and the process refuses to start
without them."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import LOG_LEVEL, env_list, logging_config


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


DEBUG = False
SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or required("ALLOWED_HOSTS").split(",")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# collectstatic's output, which the proxy serves (make serve: nginx; tools/serve.py).
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT") or BASE_DIR / "static_collected")  # noqa: F405
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

# HTTPS only. Behind a TLS-terminating proxy, name the header it sets (and that it always
# overwrites), e.g. SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto; never set it without such a proxy.
proxy_header = os.environ.get("SECURE_PROXY_SSL_HEADER", "").strip()
if proxy_header:
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + proxy_header.upper().replace("-", "_"), "https")
SECURE_SSL_REDIRECT = os.environ.get("SECURE_SSL_REDIRECT", "true").lower() == "true"
# Load balancers probe the application servers directly, over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^health/"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("SECURE_HSTS_INCLUDE_SUBDOMAINS", "true").lower() == "true"
SECURE_HSTS_PRELOAD = os.environ.get("SECURE_HSTS_PRELOAD", "true").lower() == "true"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# SAMEORIGIN (base settings), not DENY: the Wagtail admin shows its live preview in a frame
# of this site, and frame-ancestors 'self' in the CSP says the same to modern browsers.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
# Scripts and styles come only from this host; browsers upgrade any stray http: link.
SECURE_CSP = {**SECURE_CSP, "upgrade-insecure-requests": []}  # noqa: F405
SECURE_CSP_ADMIN = {**SECURE_CSP_ADMIN, "upgrade-insecure-requests": []}  # noqa: F405

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = os.environ.get("EMAIL_USE_TLS", "true").lower() == "true"

LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
LOGGING = logging_config(LOG_FORMAT, LOG_LEVEL)

# Periodic jobs, run by `manage.py run_schedule --loop` (make serve) or by systemd timers with
# the same commands (docs/deployment.md): every = seconds between runs.
SCHEDULE = {
    "heartbeat": {"command": ["heartbeat"], "every": 60},  # /health/ready/ sees the scheduler and the task worker
    "publish_scheduled": {"command": ["publish_scheduled"], "every": int(os.environ.get("SCHEDULE_PUBLISH_EVERY", "60"))},
    "build_spelling_vocabulary": {"command": ["build_spelling_vocabulary"], "every": 3600},
    "anonymise_visit_requests": {"command": ["anonymise_visit_requests"], "every": 24 * 3600},
    "send_follow_up_reminders": {"command": ["send_follow_up_reminders"], "every": 24 * 3600},
    "send_alert_digests": {"command": ["send_alert_digests"], "every": 3600},
    "purge_unconfirmed_alerts": {"command": ["purge_unconfirmed_alerts"], "every": 24 * 3600},
    "prune_db_task_results": {"command": ["prune_db_task_results", "--min-age-days", "7"], "every": 24 * 3600},
}
