"""The portal's URLs plus the peer: a search page as a Wagtail team writes it with Wagtail's
own search (the project template's search view: Page.search, 10 per page, title, URL and
description), served from one of Wagtail's backends."""

from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns

from .peers import wagtail_search_view

urlpatterns = [path("bench/wagtail-search/", wagtail_search_view, name="bench_wagtail_search"), *portal_urlpatterns]
