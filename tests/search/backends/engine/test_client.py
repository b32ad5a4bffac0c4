"""The engine adapters' client construction: several node URLs, and one Elasticsearch client
for 8.19 and 9.x servers."""

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from search.backends.engine.client import ENGINES, ElasticsearchEngine, EngineConfig
from search.backends.engine.query import run
from search.contract import SearchQuery
from tests.search.conftest import ENGINE_KIND, ENGINE_URL

pytestmark = pytest.mark.django_db


def test_search_url_may_name_several_nodes():
    config = EngineConfig(" http://10.0.0.1:9200, http://10.0.0.2:9200 ,", "opensearch", "p")
    assert config.hosts == ["http://10.0.0.1:9200", "http://10.0.0.2:9200"]


def test_a_dead_node_among_several_is_skipped(search_engine, settings):
    # Port 9 (discard) has no listener: a node that is down. Every search must still answer.
    config = EngineConfig(f"http://127.0.0.1:9,{ENGINE_URL}", ENGINE_KIND, settings.SEARCH_INDEX_PREFIX)
    engine = ENGINES[ENGINE_KIND](config)
    for _ in range(6):
        assert run(engine, SearchQuery(text="")).total >= 0


class Recorder(BaseHTTPRequestHandler):
    """Records each request's media types and answers as an Elasticsearch server does. A
    9.x server accepts both API versions, so only the request itself shows which one the
    client asked for (an 8.19 server refuses version 9: the contract suite on 8.19 shows that)."""

    seen: list[tuple[str, str, str]] = []

    def _answer(self, body: dict) -> None:
        payload = json.dumps(body).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/vnd.elasticsearch+json; compatible-with=8")
        self.send_header("X-Elastic-Product", "Elasticsearch")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def do_POST(self):  # noqa: N802 - http.server's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        Recorder.seen.append((self.path, self.headers.get("Accept", ""), self.headers.get("Content-Type", "")))
        if self.path.startswith("/_bulk"):
            self._answer({"took": 1, "errors": False, "items": [{"index": {"_id": "1", "status": 201}}]})
        else:
            self._answer({"took": 1, "timed_out": False, "hits": {"total": {"value": 0, "relation": "eq"}, "hits": []}})

    do_PUT = do_POST  # noqa: N815 - the bulk helper sends PUT

    def log_message(self, *args):
        pass


@pytest.fixture
def recorder():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    Recorder.seen = []
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_elasticsearch_requests_ask_for_the_version_8_api(recorder):
    engine = ElasticsearchEngine(EngineConfig(recorder, "elasticsearch", "p"))
    engine.search({"query": {"match_all": {}}})
    engine.bulk([{"_index": "p-content", "_id": "1", "_source": {"title": "x"}}])
    assert [path.split("?")[0] for path, _, _ in Recorder.seen] == ["/p-content/_search", "/_bulk"]
    for _path, accept, content_type in Recorder.seen:
        assert accept.endswith("compatible-with=8"), accept
        assert content_type.endswith("compatible-with=8"), content_type
    assert "x-ndjson" in Recorder.seen[1][2]


def _request_cache_hits(engine) -> int:
    stats = engine.client.indices.stats(index=engine.alias, metric="request_cache")
    stats = getattr(stats, "body", stats)
    return stats["_all"]["total"]["request_cache"]["hit_count"]


def test_a_repeated_search_is_answered_from_the_request_cache_and_a_change_shows_at_once(search_engine, centre):
    from tests.search.conftest import index_now
    from tests.search.corpus import publish_case

    publish_case(centre, "ธนาคารขยะชุมชน", "ชาวบ้านนำขยะมาแลกไข่")
    index_now(search_engine)
    query = SearchQuery(text="ธนาคารขยะ")
    assert run(search_engine, query).total == 1
    before = _request_cache_hits(search_engine)
    assert run(search_engine, query).total == 1
    assert _request_cache_hits(search_engine) > before  # the same body again: from the cache

    publish_case(centre, "ธนาคารขยะโรงเรียน", "นักเรียนคัดแยกขยะ")
    index_now(search_engine)  # a refresh: the cached answer is gone with it
    assert run(search_engine, query).total == 2
