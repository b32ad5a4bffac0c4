"""The sitemap: every Thai page once, with its English version as an hreflang alternate."""

from django.conf import settings

from wagtail.contrib.sitemaps.sitemap_generator import Sitemap
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Page


class LocalisedSitemap(Sitemap):
    def _urls(self, page, protocol, domain):
        urls = super()._urls(page, protocol, domain)
        items = list(self.paginator.page(page).object_list)
        # One query for the translations of the whole sitemap page.
        translations: dict = {}
        for translation in (
            Page.objects.filter(translation_key__in=[item.translation_key for item in items]).live().public().select_related("locale")
        ):
            translations.setdefault(translation.translation_key, []).append(translation)
        for item, url_info in zip(items, urls, strict=False):
            versions = translations.get(item.translation_key, [])
            if len(versions) > 1:
                url_info["alternates"] = [
                    {"lang_code": version.locale.language_code, "location": version.get_full_url(self.request)}
                    for version in sorted(versions, key=lambda v: v.locale.language_code != settings.LANGUAGE_CODE)
                ]
        return urls


def sitemap(request, **kwargs):
    return wagtail_sitemap(request, sitemaps={"wagtail": LocalisedSitemap}, **kwargs)
