from django.urls import path

from . import views

app_name = "search"

urlpatterns = [
    path("search/", views.search_page, name="page"),
    path("api/search/", views.api_search, name="api"),
    path("api/search/suggest/", views.api_suggest, name="suggest"),
    path("api/schema/search.json", views.openapi_schema, name="openapi"),
]
