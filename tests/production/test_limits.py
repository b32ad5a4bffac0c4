"""Through the real proxy and four gunicorn workers: password guessing is cut off on every
login path, one client's lockout is not another's, a forged X-Forwarded-For changes nothing,
and the public limit is exact under concurrent requests."""

from __future__ import annotations

import re
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
import requests
from requests.adapters import HTTPAdapter

from portal.login_limits import PER_ADDRESS, PER_USERNAME

pytestmark = pytest.mark.xdist_group("production")
LOGIN_PATHS = ["/admin/login/", "/_util/login/", "/en/_util/login/"]
CSRF_FIELD = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class FromAddress(HTTPAdapter):
    """Connects from a chosen loopback address (the whole of 127.0.0.0/8 is this machine), so
    that the proxy sees one client per address."""

    def __init__(self, address: str, **kwargs):
        self.address = address
        super().__init__(**kwargs)

    def init_poolmanager(self, *args, **kwargs):
        kwargs["source_address"] = (self.address, 0)
        super().init_poolmanager(*args, **kwargs)


class Client:
    def __init__(self, stack, address: str):
        self.base = f"https://127.0.0.1:{stack.https_port}"  # the certificate names 127.0.0.1 too
        self.http = stack.session()
        adapter = FromAddress(address, pool_maxsize=32)
        self.http.mount("https://", adapter)

    def login(self, path: str, username: str, password: str, **headers: str) -> requests.Response:
        form = self.http.get(self.base + path, timeout=30)
        token = CSRF_FIELD.search(form.text).group(1)
        data = {"csrfmiddlewaretoken": token, "username": username, "password": password}
        headers = {"Referer": self.base + path, **headers}
        return self.http.post(self.base + path, data=data, headers=headers, allow_redirects=False, timeout=30)


@pytest.mark.parametrize("path", LOGIN_PATHS)
def test_every_login_path_answers_429_after_repeated_failures(stack, path):
    client = Client(stack, "127.0.0.2")
    username = "guess-" + path.strip("/").replace("/", "-")
    for attempt in range(PER_USERNAME.count):
        assert client.login(path, username, f"wrong-{attempt}").status_code == 200
    refused = client.login(path, username, "anything")
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == str(PER_USERNAME.seconds)


def test_one_address_locked_out_does_not_lock_out_another_and_forged_headers_do_not_help(stack):
    guesser, colleague = Client(stack, "127.0.0.3"), Client(stack, "127.0.0.4")
    for attempt in range(PER_ADDRESS.count):
        # Each guess claims another origin; the proxy overwrites the header with the real one.
        forged = {"X-Forwarded-For": f"198.51.100.{attempt}", "X-Real-IP": f"198.51.100.{attempt}"}
        guesser.login("/admin/login/", f"user-{attempt}", "wrong", **forged)
    forged = {"X-Forwarded-For": "203.0.113.9"}
    assert guesser.login("/admin/login/", stack.admin_username, stack.admin_password, **forged).status_code == 429
    welcomed = colleague.login("/admin/login/", stack.admin_username, stack.admin_password)
    assert welcomed.status_code == 302 and welcomed.headers["Location"].endswith("/admin/")


def test_the_public_limit_is_exact_across_four_workers(stack):
    limit = int(stack.app_env().get("PUBLIC_RATE_LIMIT_PER_MINUTE", "300"))
    assert limit > 0, "the stack must run with the public rate limit on"
    if time.time() % 60 > 40:  # keep the burst inside one fixed window
        time.sleep(61 - time.time() % 60)
    client = Client(stack, "127.0.0.5")

    def suggest(number: int) -> int:
        return client.http.get(client.base + "/api/search/suggest/", params={"q": f"ผู้สูง{number % 7}"}, timeout=60).status_code

    with ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(suggest, range(limit + 20)))
    assert statuses.count(200) == limit
    assert statuses.count(429) == 20
