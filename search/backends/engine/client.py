"""Engine adapters: the few calls that differ between OpenSearch and Elasticsearch.

Request bodies (mappings, queries) are built once with the elasticsearch-dsl API as plain
JSON; an adapter only constructs the right client and sends them.

One Python client per engine, pinned in requirements/base.txt: opensearch-py for OpenSearch
2/3, and the `elasticsearch` 9.x client for Elasticsearch 8.19 and 9.x alike, which asks every
server for the version 8 REST API (_compatible_with_8_node): an 8.19 server refuses the 9.x client's
default "compatible-with=9", and a 9.x server serves version 8 requests by its REST API
compatibility. The portal's requests (search, bulk, scroll, aliases, analyze) are the same in
both versions. SEARCH_URL may name several nodes of one cluster, comma-separated: both clients
spread requests over them and skip a node that does not answer.
"""

from __future__ import annotations

import datetime
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import Any

from django.conf import settings

# Searches give up after the client's 10 s; a bulk request of 500 Thai documents can take
# longer on a busy machine (the engine analyses each text three ways), and a rebuild that
# times out is thrown away, so bulk requests may take up to this long. So may a refresh:
# the one after a rebuild's bulk load makes 10,000 documents searchable at once (it took
# more than 10 s on 2 busy cores and the whole rebuild was thrown away).
BULK_TIMEOUT = 120


class EngineUnavailable(Exception):
    """The engine did not answer (down, unreachable, timed out) or refused the request."""


@dataclass(frozen=True)
class EngineConfig:
    url: str  # one node's URL, or several of one cluster, comma-separated
    engine: str
    prefix: str

    @property
    def alias(self) -> str:
        return f"{self.prefix}-content"

    @property
    def hosts(self) -> list[str]:
        return [url.strip() for url in self.url.split(",") if url.strip()]


@lru_cache(maxsize=1)
def _compatible_with_8_node() -> type:
    """elastic-transport's HTTP node class, sending each request as one of Elasticsearch's
    version 8 REST API (see the module's docstring). The client writes "compatible-with=9" into
    Accept and Content-Type itself, per request (bulk's ndjson included), so the rewrite is
    done here, where every request passes last."""
    from elastic_transport import Urllib3HttpNode

    class CompatibleWith8Node(Urllib3HttpNode):
        def perform_request(self, method, target, body=None, headers=None, **kwargs):
            if headers is not None:
                headers = headers.copy()
                for name in ("accept", "content-type"):
                    if name in headers:
                        headers[name] = headers[name].replace("compatible-with=9", "compatible-with=8")
            return super().perform_request(method, target, body, headers, **kwargs)

    return CompatibleWith8Node


class SearchEngine:
    """One engine, one alias. Subclasses build the client and translate call shapes."""

    def __init__(self, config: EngineConfig):
        self.config = config
        self.alias = config.alias
        self.client = self._make_client()

    # --- what subclasses provide -------------------------------------------------------
    def _make_client(self): ...
    def _errors(self) -> tuple[type[Exception], ...]: ...
    def _create(self, name: str, body: dict) -> None: ...
    def _search(self, index: str, body: dict, timeout: str, request_timeout: float) -> dict: ...
    def _ping(self, request_timeout: float) -> bool: ...
    def _update_aliases(self, actions: list[dict]) -> None: ...
    def _refresh(self, index: str) -> None: ...
    def _bulk(self, actions: Iterable[dict], chunk_size: int, require_alias: bool) -> tuple[int, list]: ...
    def _put_settings(self, index: str, body: dict) -> None: ...
    def _scan_ids(self, index: str) -> Iterator[tuple[str, Any]]: ...

    # --- the portal's calls --------------------------------------------------------------
    def _call(self, function, *args, **kwargs):
        try:
            return function(*args, **kwargs)
        except self._errors() as error:
            raise EngineUnavailable(f"{type(error).__name__}: {error}") from error

    def ping(self, request_timeout: float = 10) -> bool:
        try:
            return bool(self._ping(request_timeout))
        except Exception:  # noqa: BLE001 - any failure means "not reachable"
            return False

    def new_index_name(self) -> str:
        return f"{self.alias}-{datetime.datetime.now(datetime.UTC):%Y%m%d%H%M%S%f}"

    def create_index(self, name: str, body: dict) -> None:
        self._call(self._create, name, body)

    def delete_index(self, name: str) -> None:
        self._call(self.client.indices.delete, index=name, ignore_unavailable=True)

    def refresh(self, index: str | None = None) -> None:
        self._call(self._refresh, index or self.alias)

    def alias_targets(self) -> list[str]:
        """Indices the alias points at (normally one), or [] when there is none yet."""
        try:
            return sorted(self._call(self.client.indices.get_alias, name=self.alias).keys())
        except EngineUnavailable as error:
            if "404" in str(error) or "NotFound" in str(error):
                return []
            raise

    def versioned_indices(self) -> list[str]:
        found = self._call(self.client.indices.get, index=f"{self.alias}-*", allow_no_indices=True, expand_wildcards="open")
        return sorted(found.keys())

    def point_alias_at(self, new_index: str) -> list[str]:
        """Move the alias to `new_index` in one atomic request; return the old targets."""
        old = self.alias_targets()
        actions = [{"remove": {"index": name, "alias": self.alias}} for name in old]
        actions.append({"add": {"index": new_index, "alias": self.alias}})
        self._call(self._update_aliases, actions)
        return old

    def bulk(self, actions: Iterable[dict], chunk_size: int = 500, require_alias: bool = False) -> tuple[int, list]:
        """Send index/delete actions; returns (succeeded, per-item errors). With
        require_alias the engine refuses to auto-create an index when the alias is missing
        (no index built yet), instead of guessing a mapping."""
        return self._call(self._bulk, actions, chunk_size, require_alias)

    def bulk_load(self, actions: Iterable[dict], chunk_size: int = 500, threads: int = 2) -> tuple[int, list]:
        """Send index actions as up to `threads` concurrent bulk requests: a rebuild's load,
        where the engine analyses one chunk while the next is being built. The actions are
        read in this thread (they come from the database, whose connections are per thread);
        only the client's bulk calls run in the others. Returns (succeeded, per-item errors)."""
        succeeded, errors = 0, []
        in_flight: deque[Future] = deque()

        def collect(future: Future) -> None:
            nonlocal succeeded
            done, failed = future.result()
            succeeded += done
            errors.extend(failed)

        actions = iter(actions)
        with ThreadPoolExecutor(max_workers=threads, thread_name_prefix="bulk") as pool:
            while chunk := list(islice(actions, chunk_size)):
                in_flight.append(pool.submit(self.bulk, chunk, chunk_size))
                while len(in_flight) > threads:  # no more than `threads` chunks waiting in memory
                    collect(in_flight.popleft())
            while in_flight:
                collect(in_flight.popleft())
        return succeeded, errors

    def put_settings(self, index: str, body: dict) -> None:
        """Change a live index's dynamic settings (refresh interval, replicas)."""
        self._call(self._put_settings, index, body)

    def search(self, body: dict, timeout: str = "5s") -> dict:
        """A search a person waits for: the client gives up after SEARCH_REQUEST_TIMEOUT, so a
        node that accepts connections but never answers costs a page that long, not the
        client's default 10 s (and the circuit breaker in search.service stops even that).

        Through the engine's request cache, hits included (`request_cache=true` on the
        request): the same body again is answered from the shards' cache until the index next
        changes (a refresh empties it), so a popular query and the facet counts of a listing
        skip the query phase (BENCHMARKS.md: `took` p50 16 → 4 ms at 10,000)."""
        return self._call(self._search, self.alias, body, timeout, float(settings.SEARCH_REQUEST_TIMEOUT))

    def analyze(self, text: str, analyzer: str | None = None, tokenizer: str | None = None, index: str | None = None) -> list[str]:
        body: dict[str, Any] = {"text": text}
        if analyzer:
            body["analyzer"] = analyzer
        if tokenizer:
            body["tokenizer"] = tokenizer
        result = self._call(self._analyze, body, index)
        return [token["token"] for token in result["tokens"]]

    def _analyze(self, body: dict, index: str | None):
        return self.client.indices.analyze(index=index, body=body)

    def indexed_ids(self) -> dict[str, Any]:
        """Every document id in the live index with its `content_at` (search.documents)."""
        return dict(self._call(lambda: list(self._scan_ids(self.alias))))


class OpenSearchEngine(SearchEngine):
    def _make_client(self):
        from opensearchpy import OpenSearch

        # max_retries=1: with several nodes a request that finds one dead is sent to another
        # once (the dead one is set aside for a while); with one node it fails as before.
        retries = 1 if len(self.config.hosts) > 1 else 0
        return OpenSearch(self.config.hosts, timeout=10, max_retries=retries, retry_on_timeout=False)

    def _errors(self):
        from opensearchpy.exceptions import OpenSearchException

        return (OpenSearchException, ConnectionError, OSError)

    def _create(self, name, body):
        self.client.indices.create(index=name, body=body)

    def _search(self, index, body, timeout, request_timeout):
        return self.client.search(index=index, body={**body, "timeout": timeout}, request_timeout=request_timeout, request_cache=True)

    def _ping(self, request_timeout):
        return self.client.ping(request_timeout=request_timeout)

    def _update_aliases(self, actions):
        self.client.indices.update_aliases(body={"actions": actions})

    def _refresh(self, index):
        self.client.indices.refresh(index=index, request_timeout=BULK_TIMEOUT)

    def _bulk(self, actions, chunk_size, require_alias):
        from opensearchpy import helpers

        extra = {"require_alias": "true"} if require_alias else {}
        return helpers.bulk(
            self.client, actions, chunk_size=chunk_size, raise_on_error=False, max_retries=3, params=extra, request_timeout=BULK_TIMEOUT
        )

    def _put_settings(self, index, body):
        self.client.indices.put_settings(index=index, body=body, request_timeout=BULK_TIMEOUT)

    def _scan_ids(self, index):
        from opensearchpy import helpers

        for hit in helpers.scan(self.client, index=index, query={"_source": ["content_at"]}, size=1000):
            yield hit["_id"], hit["_source"].get("content_at")


class ElasticsearchEngine(SearchEngine):
    # The Elasticsearch 8/9 clients take body keys as keyword arguments.
    _RENAMED = {"from": "from_", "_source": "source"}

    def _make_client(self):
        from elasticsearch import Elasticsearch

        retries = 1 if len(self.config.hosts) > 1 else 0  # as for OpenSearch above
        return Elasticsearch(
            self.config.hosts,
            request_timeout=10,
            max_retries=retries,
            retry_on_timeout=False,
            node_class=_compatible_with_8_node(),
        )

    def _errors(self):
        from elastic_transport import TransportError
        from elasticsearch import ApiError

        return (ApiError, TransportError, ConnectionError, OSError)

    def _create(self, name, body):
        self.client.indices.create(index=name, settings=body["settings"], mappings=body["mappings"])

    def _search(self, index, body, timeout, request_timeout):
        kwargs = {self._RENAMED.get(key, key): value for key, value in body.items()}
        return self.client.options(request_timeout=request_timeout).search(index=index, timeout=timeout, request_cache=True, **kwargs).body

    def _ping(self, request_timeout):
        # The client's ping() is HEAD /, which Elastic's rest-root module answers; the local
        # node assembled from Maven Central has no rest-root (tools/es_node.py). Cluster
        # health answers on every server, managed ones included.
        self.client.options(request_timeout=request_timeout).cluster.health()
        return True

    def _update_aliases(self, actions):
        self.client.indices.update_aliases(actions=actions)

    def _refresh(self, index):
        self.client.options(request_timeout=BULK_TIMEOUT).indices.refresh(index=index)

    def _analyze(self, body, index):
        return self.client.indices.analyze(index=index, **body).body

    def _bulk(self, actions, chunk_size, require_alias):
        from elasticsearch import helpers

        extra = {"require_alias": True} if require_alias else {}
        client = self.client.options(request_timeout=BULK_TIMEOUT)
        return helpers.bulk(client, actions, chunk_size=chunk_size, raise_on_error=False, max_retries=3, **extra)

    def _put_settings(self, index, body):
        self.client.options(request_timeout=BULK_TIMEOUT).indices.put_settings(index=index, settings=body)

    def _scan_ids(self, index):
        from elasticsearch import helpers

        for hit in helpers.scan(self.client, index=index, query={"_source": ["content_at"]}, size=1000):
            yield hit["_id"], hit["_source"].get("content_at")


ENGINES = {"opensearch": OpenSearchEngine, "elasticsearch": ElasticsearchEngine}


def current_config() -> EngineConfig | None:
    if not settings.SEARCH_URL:
        return None
    if settings.SEARCH_ENGINE not in ENGINES:
        raise ValueError(f"SEARCH_ENGINE must be one of {', '.join(ENGINES)}, not {settings.SEARCH_ENGINE!r}")
    return EngineConfig(settings.SEARCH_URL, settings.SEARCH_ENGINE, settings.SEARCH_INDEX_PREFIX)


@lru_cache(maxsize=4)
def _engine_for(config: EngineConfig) -> SearchEngine:
    return ENGINES[config.engine](config)


def get_engine() -> SearchEngine | None:
    """The configured engine, or None when SEARCH_URL is unset (the fallback serves)."""
    config = current_config()
    return _engine_for(config) if config else None
