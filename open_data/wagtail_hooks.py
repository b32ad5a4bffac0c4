from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from .views import can_import, import_run_view, import_template_view, import_view


@hooks.register("register_admin_urls")
def register_import_url():
    return [
        path("open-data/import/", import_view, name="open_data_import"),
        path("open-data/import/<int:pk>/", import_run_view, name="open_data_import_run"),
        path("open-data/import/template/<slug:kind>.csv", import_template_view, name="open_data_import_template"),
    ]


class ImportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_import(request.user)


@hooks.register("register_admin_menu_item")
def register_import_menu_item():
    return ImportMenuItem(_("นำเข้าข้อมูล"), reverse("open_data_import"), icon_name="upload", order=900)
