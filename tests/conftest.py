import os
import socket

import pytest
from aiosmtpd.controller import Controller
from playwright.sync_api import sync_playwright

from home.models import HomePage, StandardPage
from learning_centres.models import CaseStudyIndexPage
from portal.locales import mirror_page_tree, translate_page
from tests.learning_centres.factories import (
    CaseStudyPageFactory,
    CentreIndexPageFactory,
    LearningCentrePageFactory,
)


@pytest.fixture(autouse=True)
def closed_search_breaker():
    """Each test starts with the engine's circuit closed, whatever the test before did to it."""
    from search import service

    service._breaker.cache_clear()


@pytest.fixture
def home_page(db):
    return HomePage.objects.get()


@pytest.fixture
def centre_index(home_page):
    return CentreIndexPageFactory(parent=home_page)


@pytest.fixture
def centre(centre_index):
    return LearningCentrePageFactory(parent=centre_index)


@pytest.fixture
def other_centre(centre_index):
    return LearningCentrePageFactory(parent=centre_index)


@pytest.fixture
def case_study(centre):
    return CaseStudyPageFactory(parent=centre)


@pytest.fixture
def editor(db):
    """A member of the editors' group (learning_centres.roles)."""
    from django.contrib.auth.models import Group, User

    from learning_centres.roles import EDITORS

    user = User.objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def site_tree(home_page, centre_index, centre, case_study):
    """The demo's shape: Thai originals, English fixed pages, English aliases of the rest."""
    listing = publish(home_page.add_child(instance=CaseStudyIndexPage(title="กรณีศึกษา", slug="case-studies")))
    about = publish(home_page.add_child(instance=StandardPage(title="เกี่ยวกับโครงการ", slug="about")))
    for page in (centre_index, centre, case_study):
        publish(page)
    translate_page(home_page, "en", title="LAO Knowledge Portal")
    translate_page(about, "en", title="About the programme")
    translate_page(listing, "en", title="Case studies")
    mirror_page_tree(home_page)
    return {"centre": centre, "case_study": case_study, "about": about}


@pytest.fixture(autouse=True)
def clear_cache():
    """Wagtail caches site roots and permissions, the search caches its vocabulary and
    facet labels; a test must not see another's."""
    from django.core.cache import cache

    from learning_centres.models.taxonomy import labels as term_labels
    from search.presenters import forget_labels
    from search.spelling import forget_vocabulary

    cache.clear()
    forget_vocabulary()
    forget_labels()
    term_labels.clear()


@pytest.fixture(autouse=True)
def thai_by_default():
    """Each test starts in Thai, as every unprefixed request does; a request to /en/ leaves
    English active in the thread (LocaleMiddleware never deactivates), so reset it."""
    from django.utils import translation

    translation.activate("th")
    yield
    translation.deactivate()


# Property-based tests (hypothesis): few examples per test so the suite stays quick; no
# deadline (these machines are shared and slow); function-scoped fixtures hold read-only data.
from hypothesis import HealthCheck, settings  # noqa: E402

settings.register_profile(
    "portal",
    max_examples=15,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
settings.load_profile("portal")


# --- How the suite is split (tools/run-tests) -------------------------------------------------
# Everything runs on PostgreSQL, the production database. On SQLite, the embedded default, only
# what can behave differently by database runs again: the database search backend (FTS5 on
# SQLite, tsvector on PostgreSQL) and every test that answers from it, raw SQL, imports and
# their transactions, migrations and seed data, backups, rate-limit counters, query counts and
# the demo loader. A test or module can also say so itself with @pytest.mark.both_databases.
DIFFERS_BY_DATABASE = (
    "tests/search/backends/database/",
    "tests/search/test_sync.py",
    "tests/search/test_thai_search.py",
    "tests/search/test_reports.py",
    "tests/search/test_service.py",
    "tests/open_data/",
    "tests/learning_centres/test_query_counts.py",
    "tests/learning_centres/test_listings.py",
    "tests/learning_centres/test_input_properties.py",
    "tests/learning_centres/test_seed_data.py",
    "tests/learning_centres/test_taxonomy_translation.py",
    "tests/home/test_demo.py",
    "tests/exchange/test_retention.py",
    "tests/portal/test_ratelimit.py",
    "tests/portal/test_login_limits.py",
    "tests/portal/test_public_limits.py",
    "tests/tools/test_backup.py",
)


def _differs_by_database(item: pytest.Item) -> bool:
    path = item.nodeid.split("::")[0]
    callspec = getattr(item, "callspec", None)
    # The database half of a test parametrised over both search backends.
    answered_by_database = callspec is not None and "fallback" in callspec.params.values()
    return path.startswith(DIFFERS_BY_DATABASE) or answered_by_database


def _talks_to_engine(item: pytest.Item) -> bool:
    """The engine contract suite, which tools/run-tests runs against each engine it starts: the
    tests that use the search_engine fixture, and the engine half of those parametrised over
    both search backends (which ask for the fixture at run time)."""
    callspec = getattr(item, "callspec", None)
    return "search_engine" in getattr(item, "fixturenames", ()) or (callspec is not None and "engine" in callspec.params.values())


def pytest_collection_modifyitems(config, items):
    for item in items:
        if _differs_by_database(item):
            item.add_marker(pytest.mark.both_databases)
        if _talks_to_engine(item):
            item.add_marker(pytest.mark.engine)
        # Parallel runs (pytest-xdist, --dist loadgroup) keep a file on one worker, so that its
        # module fixtures are built once; the browser tests share one portal server and browser,
        # the production tests one stack (tests/production/conftest.py).
        path = item.nodeid.split("::")[0]
        group = next((name for name in ("browser", "production") if path.startswith(f"tests/{name}/")), path)
        item.add_marker(pytest.mark.xdist_group(group))


def pytest_sessionfinish(session, exitstatus):
    """tools/run-tests starts the search node and PostgreSQL and installs Chromium, so nothing
    has a reason to skip there: it sets TEST_FORBID_SKIPS, and a skip fails the run."""
    import os

    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter else []
    if os.environ.get("TEST_FORBID_SKIPS") and skipped and exitstatus == 0:
        reporter.ensure_newline()
        reporter.write_line(f"{len(skipped)} test(s) skipped although every service is running: a skip hides a test here.", red=True)
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


# --- A real SMTP server (aiosmtpd) for the mail tests ----------------------------------------


class Inbox:
    def __init__(self) -> None:
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    """Settings as production has them (SMTP, the database task queue), pointed at a port where
    the SMTP server is not running yet; `start()` brings it up."""
    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS, settings.EMAIL_TIMEOUT = "127.0.0.1", port, False, 5
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.MAIL_RETRY_SECONDS = 1
    inbox = Inbox()
    controllers = []

    def start() -> Inbox:
        controller = Controller(inbox, hostname="127.0.0.1", port=port)
        controller.start()
        controllers.append(controller)
        return inbox

    yield start
    for controller in controllers:
        controller.stop()


def run_task_worker() -> None:
    """What `manage.py db_worker` does in production, once: run every task that is due."""
    from unittest import mock

    from django.core.management import call_command

    # The worker checks its connection between tasks as after a request; inside a test's
    # transaction on PostgreSQL that would close the test's own connection.
    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)


# --- The real browser (Debian's Chromium through Playwright) --------------------------------

# Flags keep Chromium off the network this machine does not have and let it run as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    """One Chromium per test worker, for tests/browser and tests/production alike (a second
    sync_playwright() in the same worker fails)."""
    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not os.path.exists(executable):
        pytest.fail(f"Chromium not found at {executable}; `make test` installs Debian's chromium.")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
