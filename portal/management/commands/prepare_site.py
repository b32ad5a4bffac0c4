"""Bring a site's database, static files, content, search index and administrator up to date
before its processes start: what `make serve` (tools/serve.py) runs at each start, and what a
deployment runs after each upgrade (docs/deployment.md). One process instead of six
`manage.py` calls, because starting Django and Wagtail takes seconds each time.
"""

import os

from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

ADMIN_PASSWORD_VARIABLE = "PORTAL_ADMIN_PASSWORD"  # noqa: S105 - the name of a variable, not a password


class Command(BaseCommand):
    help = "migrate, createcachetable, collectstatic; optionally the demo content, the search index and an administrator."

    def add_arguments(self, parser):
        parser.add_argument("--demo", action="store_true", help="load the demo content when there is no case study")
        parser.add_argument("--demo-limit", type=int, default=None, help="load only the first N demo case studies")
        parser.add_argument("--rebuild-index", action="store_true", help="rebuild the search index (always after loading the demo)")
        parser.add_argument(
            "--admin", metavar="USERNAME", help=f"create or update this superuser with the password in ${ADMIN_PASSWORD_VARIABLE}"
        )

    def handle(self, *args, demo: bool, demo_limit: int | None, rebuild_index: bool, admin: str | None, **options):
        quiet = {"verbosity": 0}
        call_command("migrate", interactive=False, **quiet)
        call_command("createcachetable", **quiet)
        call_command("collectstatic", interactive=False, **quiet)
        case_studies = apps.get_model("learning_centres", "CaseStudyPage")
        if demo and not case_studies.objects.exists():
            call_command("load_demo_content", limit=demo_limit, stdout=self.stdout)
            rebuild_index = True
        if rebuild_index:
            call_command("rebuild_search_index", stdout=self.stdout)
        if admin:
            self.ensure_admin(admin)

    def ensure_admin(self, username: str) -> None:
        password = os.environ.get(ADMIN_PASSWORD_VARIABLE, "")
        if not password:
            raise CommandError(f"--admin needs the password in ${ADMIN_PASSWORD_VARIABLE}.")
        user = get_user_model().objects.filter(username=username).first() or get_user_model()(username=username)
        user.is_staff = user.is_superuser = user.is_active = True
        user.set_password(password)
        user.save()
        self.stdout.write(f"Administrator {username} is ready.")
