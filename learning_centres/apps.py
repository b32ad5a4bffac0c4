from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class LearningCentresConfig(AppConfig):
    name = "learning_centres"
    verbose_name = _("ศูนย์เรียนรู้และกรณีศึกษา")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from . import signals  # noqa: F401  (connects page signals)
        from .roles import ensure_roles

        # Roles need Permission rows, which Django creates after migrations run; setting
        # them up here (idempotently) works on a fresh database and after every migrate.
        post_migrate.connect(ensure_roles, sender=self)
