"""A client's address comes from the proxy's header only when a trusted proxy sent it."""

import pytest

from django.test import RequestFactory

from portal.clients import client_address

PROXY = "127.0.0.1"


def request(remote: str, forwarded: str | None = None):
    meta = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = [PROXY, "10.20.0.0/16"]


def test_without_trusted_proxies_the_header_is_ignored(settings):
    settings.TRUSTED_PROXIES = []
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_a_client_that_is_not_a_proxy_cannot_forge_its_address(behind_nginx):
    assert client_address(request("203.0.113.7", "198.51.100.1")) == "203.0.113.7"


def test_the_trusted_proxy_names_the_client(behind_nginx):
    assert client_address(request(PROXY, "198.51.100.1")) == "198.51.100.1"


def test_what_the_client_wrote_left_of_the_proxy_entry_is_not_believed(behind_nginx):
    # The client sent "X-Forwarded-For: 1.2.3.4"; a proxy that appends made it "1.2.3.4, <client>".
    assert client_address(request(PROXY, "1.2.3.4, 198.51.100.1")) == "198.51.100.1"


def test_a_chain_of_trusted_proxies_is_walked(behind_nginx):
    assert client_address(request(PROXY, "198.51.100.1, 10.20.3.4")) == "198.51.100.1"


def test_a_garbled_header_falls_back_to_the_peer(behind_nginx):
    assert client_address(request(PROXY, "198.51.100.1, not-an-address")) == PROXY
    assert client_address(request(PROXY, "")) == PROXY


def test_ipv6_clients_are_grouped_by_their_slash_64(behind_nginx):
    assert client_address(request("2001:db8:1:2::1")) == "2001:db8:1:2::/64"
    assert client_address(request(PROXY, "2001:db8:1:2:ffff:ffff:ffff:ffff")) == "2001:db8:1:2::/64"
    assert client_address(request("::ffff:198.51.100.9")) == "198.51.100.9"  # IPv4 in IPv6 clothing


def test_a_request_without_an_address_has_one_shared_key(settings):
    assert client_address(request("")) == "unknown"
