"""Every response carries the security headers; public pages run under a strict
Content-Security-Policy with a fresh nonce, and no template needs an exception from it."""

import re
from pathlib import Path

import pytest

from django.urls import reverse

from learning_centres.models import CaseStudyIndexPage

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.django_db


def directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    return {name: values for name, *values in (part.split() for part in policy.split(";") if part.strip())}


@pytest.fixture
def public_urls(home_page, centre, case_study):
    index = CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies")
    home_page.add_child(instance=index)
    return ["/", "/centres/", centre.url, case_study.url, index.url, reverse("search_page") + "?q=ผู้สูงอายุ", "/no-such-page/"]


def test_public_pages_get_a_strict_policy(client, public_urls):
    for url in public_urls:
        policy = directives(client.get(url))
        assert policy["default-src"] == ["'self'"], url
        assert policy["object-src"] == ["'none'"]
        assert policy["base-uri"] == ["'none'"]
        assert policy["frame-ancestors"] == ["'self'"]
        assert policy["style-src"] == ["'self'"]
        assert policy["script-src"][0] == "'self'" and policy["script-src"][1].startswith("'nonce-")
        everything = " ".join(value for values in policy.values() for value in values)
        assert "unsafe-inline" not in everything and "unsafe-eval" not in everything
        assert not re.search(r"https?:|\*", everything), "no other host is ever allowed"


def test_every_response_gets_a_fresh_nonce_that_the_json_ld_carries(client, case_study):
    first, second = client.get(case_study.url), client.get(case_study.url)
    nonces = [directives(r)["script-src"][1].removeprefix("'nonce-").removesuffix("'") for r in (first, second)]
    assert nonces[0] != nonces[1] and len(nonces[0]) >= 22
    assert f'<script type="application/ld+json" nonce="{nonces[0]}">' in first.content.decode()


def test_other_security_headers(client, home_page):
    response = client.get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response.headers["X-Frame-Options"] == "SAMEORIGIN"
    assert "camera=()" in response.headers["Permissions-Policy"] and "geolocation=()" in response.headers["Permissions-Policy"]


def test_api_responses_carry_the_policy_too(client, home_page):
    response = client.get(reverse("search:api"), {"q": "x"})
    assert directives(response)["object-src"] == ["'none'"]


def test_public_pages_have_no_inline_script_style_or_event_handler(client, public_urls):
    for url in public_urls:
        html = client.get(url).content.decode()
        nonce = re.search(r"'nonce-([^']+)'", client.get(url).headers["Content-Security-Policy"])
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag or 'type="application/ld+json"' in tag, (url, tag)
        assert not re.search(r"<style\b", html), url
        assert not re.search(r"\sstyle=", html), url
        assert not re.search(r"\son[a-z]+\s*=", html), url
        assert nonce


def test_templates_follow_the_no_inline_rule():
    """Templates may not carry inline code; a nonce (nonce="{{ csp_nonce }}") is the only way in."""
    offenders = []
    for template in (ROOT / "templates").rglob("*.html"):
        text = template.read_text()
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag and "csp_nonce" not in tag:
                offenders.append(f"{template}: {tag}")
        if re.search(r"<style\b|\sstyle=|\son[a-z]+\s*=|javascript:", text):
            offenders.append(str(template))
    assert offenders == []


def test_the_admin_gets_its_own_policy_and_its_edit_page_works(admin_client, case_study):
    response = admin_client.get(reverse("wagtailadmin_pages:edit", args=[case_study.pk]))
    assert response.status_code == 200
    policy = directives(response)
    assert policy["object-src"] == ["'none'"] and policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'self'"]
    # Wagtail's panels are set up by inline scripts: the admin allows them, and no other host.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert not re.search(r"https?:|\*", " ".join(value for values in policy.values() for value in values))
    assert "new InlinePanel" in response.content.decode()


def test_documents_are_served_under_their_own_stricter_policy(client, db):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    document = Document.objects.create(title="รายงาน", file=ContentFile(b"<html><script>alert(1)</script>", name="report.txt"))
    response = client.get(document.url)
    assert response.headers["Content-Security-Policy"] == "default-src 'none'"
    assert response.headers["Content-Disposition"].startswith("attachment")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    document.file.delete(save=False)
