from django.conf import settings
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from home.views import robots_txt

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("learning_centres.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static
    from django.http import Http404
    from django.views.defaults import page_not_found

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
    # With DEBUG, a missing page shows Django's debug page; this shows the visitors' one
    # (for designers and the accessibility tests).
    urlpatterns += [path("_errors/404/", lambda request: page_not_found(request, Http404()))]

urlpatterns += [path("", include(wagtail_urls))]
