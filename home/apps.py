from django.apps import AppConfig


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = "หน้าหลัก"
    default_auto_field = "django.db.models.BigAutoField"
