from django.urls import path

from . import exports, openapi

app_name = "open_data"

urlpatterns = [
    path("search/export.csv", exports.export_csv, name="export_csv"),
    path("search/export.json", exports.export_json, name="export_json"),
    path("api/schema/open-data.json", openapi.schema_view, name="openapi"),
]
