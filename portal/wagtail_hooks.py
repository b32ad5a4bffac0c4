from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks


@hooks.register("insert_global_admin_css")
def sarabun_in_the_admin() -> str:
    """Editors read Thai in the admin in the same self-hosted Sarabun as the public site."""
    return format_html(
        '<link rel="stylesheet" href="{}"><link rel="stylesheet" href="{}">', static("css/fonts.css"), static("css/admin.css")
    )
