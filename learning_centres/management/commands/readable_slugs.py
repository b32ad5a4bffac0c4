"""Give existing pages readable Latin addresses (learning_centres.slugs), with redirects."""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from wagtail.models import Page

from learning_centres.slugs import readable_slug
from thai.text import THAI


def _new_slug(page: Page, moved: dict[str, str]) -> str:
    """The readable slug of `page`: its own title's, or for a translation or alias, the slug
    its Thai original moved to (so /en/x mirrors /x)."""
    source = moved.get(str(page.translation_key))
    if source and not page.locale.language_code.startswith("th"):
        return source
    return readable_slug(page.title)


def _free_slug(page: Page, base: str, planned: set[tuple[str, str]]) -> str:
    """`base`, or `base-2`, `base-3`…: the first that no sibling has or is about to get."""
    parent, parent_path = page.get_parent(), page.path[: -Page.steplen]
    candidate, suffix = base, 1
    while (parent_path, candidate) in planned or not Page._slug_is_available(candidate, parent, page):
        suffix += 1
        candidate = f"{base}-{suffix}"
    return candidate


class Command(BaseCommand):
    help = (
        "Replace the Thai-stripped slugs of existing pages (e.g. 'ตยาสามญประจำหมบาน') with readable "
        "Latin ones. Dry run by default; --apply publishes each new slug, and Wagtail's redirects "
        "app records a permanent redirect from the old address."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--apply", action="store_true", help="Change the slugs (default: only list them).")

    def handle(self, *args, apply: bool = False, **options) -> None:
        # Thai originals first, so their translations and aliases can take the same slug.
        pages = sorted(
            (page for page in Page.objects.exclude(depth=1).select_related("locale").order_by("path").specific() if THAI.search(page.slug)),
            key=lambda page: (not page.locale.language_code.startswith("th"), page.path),
        )
        moved: dict[str, str] = {}
        planned: set[tuple[str, str]] = set()  # (parent path, slug): siblings of a dry run differ too
        changed = skipped = 0
        for page in pages:
            page.refresh_from_db()
            if not THAI.search(page.slug):  # an alias Wagtail moved with its original
                moved.setdefault(str(page.translation_key), page.slug)
                continue
            base = _new_slug(page, moved)
            if not base:
                self.stdout.write(f"skip {page.url_path}: no Latin slug from {page.title!r}")
                skipped += 1
                continue
            slug = _free_slug(page, base, planned)
            planned.add((page.path[: -Page.steplen], slug))
            moved[str(page.translation_key)] = slug
            self.stdout.write(f"{page.url_path} -> {slug}")
            changed += 1
            if apply:
                self._move(page, slug)
        verb = "Changed" if apply else "Would change"
        self.stdout.write(f"{verb} {changed} slugs; skipped {skipped}." + ("" if apply else " Run with --apply to change them."))

    @staticmethod
    @transaction.atomic
    def _move(page: Page, slug: str) -> None:
        """Move the live page and its draft to `slug`. Page.save sends page_slug_changed when
        the slug changes, and the redirects app records a permanent redirect from the old
        path (and its descendants'). An editor's unpublished draft is kept unpublished."""
        page.slug = slug
        if page.live and not page.has_unpublished_changes and not page.alias_of_id:
            page.save_revision(clean=False, log_action=True).publish()  # updates aliases too
            return
        page.save(clean=False)
        if page.latest_revision_id and not page.alias_of_id:
            draft = page.get_latest_revision_as_object()
            draft.slug = slug
            draft.save_revision(clean=False, log_action=True)
