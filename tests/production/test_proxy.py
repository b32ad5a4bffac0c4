"""nginx in front of the portal (tools/serve.py's configuration): TLS, static files and image
renditions from disk, never documents, HTTP redirected to HTTPS, security headers."""

import re
import socket

import pytest

from .conftest import tls_context

# `expires max` is nginx's own: no response from Django or WhiteNoise carries this date.
NGINX_EXPIRES_MAX = "Thu, 31 Dec 2037 23:55:55 GMT"


@pytest.fixture(scope="module")
def client(stack):
    return stack.session()


@pytest.fixture(scope="module")
def home_html(stack, client):
    response = client.get(stack.url + "/", timeout=30)
    assert response.status_code == 200
    return response


def test_pages_come_over_https_with_hsts_and_the_portals_security_headers(home_html):
    headers = home_html.headers
    assert headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "Server" not in headers or headers["Server"] == "nginx"  # no version given away


def test_text_is_gzipped(home_html):
    assert home_html.headers["Content-Encoding"] == "gzip"


def test_static_files_come_from_disk_with_long_caching(stack, client, home_html):
    stylesheet = re.search(r'href="(/static/[^"]+\.css)"', home_html.text).group(1)
    response = client.get(stack.url + stylesheet, timeout=10)
    assert response.status_code == 200
    assert response.headers["Expires"] == NGINX_EXPIRES_MAX
    assert "immutable" in response.headers["Cache-Control"]
    assert "Content-Security-Policy" not in response.headers  # Django's middleware never saw it
    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000")


def test_image_renditions_come_from_disk(stack, client):
    address = stack.shell("from learning_centres.models import CaseStudyPage; print(CaseStudyPage.objects.live().first().url)")
    page = client.get(stack.url + address, timeout=30).text
    rendition = re.search(r'src="(/media/images/[^"]+)"', page).group(1)
    response = client.get(stack.url + rendition, timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("image/")
    assert "max-age=2592000" in response.headers["Cache-Control"]  # nginx's `expires 30d`
    assert "Content-Security-Policy" not in response.headers


@pytest.mark.parametrize("folder", ["documents", "original_images"])
def test_documents_and_originals_are_never_served_from_disk(stack, client, folder):
    secret = stack.media_root / folder / "secret.pdf"
    secret.parent.mkdir(parents=True, exist_ok=True)
    secret.write_bytes(b"%PDF-1.4 not for the public")
    response = client.get(f"{stack.url}/media/{folder}/secret.pdf", timeout=10)
    assert response.status_code == 404
    assert b"not for the public" not in response.content


def test_plain_http_is_redirected_to_https(stack, client):
    response = client.get(stack.http_url + "/about/?x=1", allow_redirects=False, timeout=10)
    assert response.status_code == 301
    assert response.headers["Location"] == f"https://127.0.0.1:{stack.https_port}/about/?x=1"


def test_a_body_above_the_upload_limit_is_refused_by_the_proxy(stack):
    """Only the headers are sent: nginx answers 413 from Content-Length alone."""
    with socket.create_connection(("127.0.0.1", stack.https_port), timeout=10) as raw:
        with tls_context().wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(b"POST /admin/login/ HTTP/1.1\r\nHost: localhost\r\nContent-Length: 50000000\r\n\r\n")
            status_line = tls.recv(200).split(b"\r\n")[0]
    assert status_line == b"HTTP/1.1 413 Request Entity Too Large"


def test_gunicorn_listens_on_loopback_only_behind_the_proxy(stack, client):
    """Straight to gunicorn the portal still answers, with the host checks of production."""
    response = client.get(stack.web_url + "/", headers={"Host": "evil.example"}, allow_redirects=False, timeout=10)
    assert response.status_code == 400
