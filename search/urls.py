from django.urls import path

from . import views

# The search page itself is language-specific (/search/, /en/search/): portal/urls.py
# routes it, as "search_page", inside i18n_patterns. These APIs are not.

app_name = "search"

urlpatterns = [
    path("api/search/", views.api_search, name="api"),
    path("api/search/suggest/", views.api_suggest, name="suggest"),
    path("api/schema/search.json", views.openapi_schema, name="openapi"),
]
