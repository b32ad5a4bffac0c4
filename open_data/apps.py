from django.apps import AppConfig


class OpenDataConfig(AppConfig):
    """The read API (/api/v2/), search exports, and bulk imports of case studies and LAOs."""

    name = "open_data"
    verbose_name = "ข้อมูลเปิด"
