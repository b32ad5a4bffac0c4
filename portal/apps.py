from django.apps import AppConfig
from django.db.models.signals import post_migrate


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = "portal"

    def ready(self) -> None:
        from .admin_thai import name_roots_in_thai

        post_migrate.connect(name_roots_in_thai, sender=self, dispatch_uid="portal.name_roots_in_thai")
        name_the_page_search_results()


def name_the_page_search_results() -> None:
    """Wagtail's page search view names no model, so its result count reads "1-4 of 4 None";
    give it the page model's names (translated) until Wagtail does."""
    from wagtail.admin.views.pages.search import SearchView
    from wagtail.models import Page

    if SearchView.verbose_name is None:
        SearchView.verbose_name = Page._meta.verbose_name
        SearchView.verbose_name_plural = Page._meta.verbose_name_plural
