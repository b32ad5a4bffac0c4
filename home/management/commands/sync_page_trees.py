from django.core.management.base import BaseCommand

from wagtail.models import Site

from portal.locales import mirror_page_tree


class Command(BaseCommand):
    help = "Give every Thai page an English alias where it has no English version yet (idempotent)."

    def handle(self, *args, **options):
        created = sum(mirror_page_tree(site.root_page) for site in Site.objects.select_related("root_page"))
        self.stdout.write(f"{created} aliases created")
