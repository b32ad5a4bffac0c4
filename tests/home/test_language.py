"""Thai first: the browser's language does not switch the portal; the visitor's choice does."""

import pytest


@pytest.mark.django_db
def test_thai_even_when_the_browser_prefers_english(client, home_page):
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="th">' in html


@pytest.mark.django_db
def test_the_language_switcher_chooses_english(client, home_page):
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302
    html = client.get("/").content.decode()
    assert '<html lang="en">' in html
