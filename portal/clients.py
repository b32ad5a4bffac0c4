"""Who is asking: the client's address, believed from a proxy header only when the request
came from a proxy the deployment trusts.

Not django-ipware: it decides whom to trust from the addresses inside X-Forwarded-For, which
the client writes itself; here trust starts from the connecting peer (REMOTE_ADDR), the one
address nobody can forge over TCP.
"""

from __future__ import annotations

import ipaddress
from functools import lru_cache

from django.conf import settings
from django.http import HttpRequest

Address = ipaddress.IPv4Address | ipaddress.IPv6Address
Network = ipaddress.IPv4Network | ipaddress.IPv6Network

# One IPv6 customer usually holds a whole /64 and can pick any address in it.
IPV6_CLIENT_PREFIX = 64


@lru_cache(maxsize=8)
def _trusted(proxies: tuple[str, ...]) -> tuple[Network, ...]:
    return tuple(ipaddress.ip_network(proxy.strip(), strict=False) for proxy in proxies if proxy.strip())


def _parse(value: str) -> Address | None:
    try:
        address = ipaddress.ip_address(value.strip().strip("[]"))
    except ValueError:
        return None
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_trusted(address: Address, trusted: tuple[Network, ...]) -> bool:
    return any(address.version == network.version and address in network for network in trusted)


def from_trusted_proxy(request: HttpRequest) -> bool:
    """Whether the connecting peer is one of TRUSTED_PROXIES (so its headers may be believed)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    return peer is not None and _is_trusted(peer, _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ()))))


def client_ip(request: HttpRequest) -> Address | None:
    """The peer's address; when the peer is a trusted proxy, the nearest address in its
    X-Forwarded-For that is not itself a trusted proxy (read right to left: the left part
    is whatever the client claimed)."""
    peer = _parse(request.META.get("REMOTE_ADDR", ""))
    trusted = _trusted(tuple(getattr(settings, "TRUSTED_PROXIES", ())))
    if peer is None or not _is_trusted(peer, trusted):
        return peer
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    for entry in reversed(forwarded.split(",")):
        address = _parse(entry)
        if address is None:
            return peer  # a garbled chain: trust nothing in it
        if not _is_trusted(address, trusted):
            return address
    return peer


def client_address(request: HttpRequest) -> str:
    """The key a rate limit counts by: an IPv4 address, or the /64 an IPv6 address is in."""
    address = client_ip(request)
    if address is None:
        return "unknown"
    if isinstance(address, ipaddress.IPv6Address):
        return str(ipaddress.ip_network(f"{address}/{IPV6_CLIENT_PREFIX}", strict=False))
    return str(address)
