from django.apps import AppConfig


class PageCacheConfig(AppConfig):
    name = "pagecache"
    verbose_name = "page cache"

    def ready(self) -> None:
        from . import receivers  # noqa: F401 - connects the purge receivers
