from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home.sitemap import sitemap
from home.views import robots_txt
from learning_centres.admin_reports import urlpatterns as editors_reports
from learning_centres.near import centres_near
from open_data.api import api_router
from search import views as search_views

# A database that does not answer gives a plain 503 page instead of the 500 page.
handler500 = "portal.errors.server_error"

# Not language-specific: the admin (each user picks a language), documents, APIs, feeds,
# the sitemap and robots.txt. Unprefixed URLs are always Thai (see settings.LANGUAGE_CODE).
urlpatterns = [
    *editors_reports,  # the page-types report for editors only, before Wagtail's own
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("", include("open_data.urls")),
    path("api/v2/", api_router.urls),
    path("", include("search.urls")),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("", include("health.urls")),
    path("", include("usage.urls")),
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

# Pages people read: Thai at /, English under /en/.
urlpatterns += i18n_patterns(
    path("search/", search_views.search_page, name="search_page"),
    path("centres-near/", centres_near, name="centres_near"),
    # Study visits and messages to a centre: /visits/…, /contact/… in Thai, /en/… in English.
    path("", include("exchange.urls")),
    path("", include("alerts.urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
