"""The admin loads the project's self-hosted Sarabun and nothing from another host."""

import re

import pytest
from bs4 import BeautifulSoup

from django.conf import settings
from django.urls import reverse


@pytest.mark.django_db
def test_the_admin_links_the_self_hosted_sarabun(client, editor):
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert "/static/css/fonts.css" in stylesheets
    assert stylesheets.index("/static/css/admin.css") > stylesheets.index("/static/css/fonts.css")
    admin_css = (settings.BASE_DIR / "static/css/admin.css").read_text()
    assert re.search(r'--w-font-sans:\s*"Sarabun"', admin_css)


@pytest.mark.django_db
def test_the_admin_requests_no_font_or_style_from_another_host(client, editor):
    client.force_login(editor)
    page = BeautifulSoup(client.get(reverse("wagtailadmin_home")).content, "html.parser")
    for element in page.find_all(["link", "script"]):
        address = element.get("href") or element.get("src") or ""
        assert not address.startswith(("http:", "https:", "//")), address
    fonts_css = (settings.BASE_DIR / "static/css/fonts.css").read_text()
    font_files = re.findall(r'url\("([^"]+)"\)', fonts_css)
    assert font_files and all(name.startswith("../fonts/sarabun/") for name in font_files)
    for name in font_files:
        assert (settings.BASE_DIR / "static/css" / name).resolve().is_file()
