"""Create the development accounts `make run` prints: an administrator, an editor and a
contributor for the first demo centre. The password is generated once and kept in
var/dev-password.txt (ignored by git), so running it again prints the same login."""

import os
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from learning_centres.models import LearningCentrePage
from learning_centres.roles import EDITORS, add_contributor


class Command(BaseCommand):
    help = "Create development accounts (admin, editor, contributor) and print their login."

    def handle(self, *args, **options):
        if not settings.DEBUG:
            raise CommandError("Development accounts are only for DEBUG settings (make run).")
        password_file = Path(settings.BASE_DIR) / "var" / "dev-password.txt"
        password_file.parent.mkdir(exist_ok=True)
        if not password_file.exists():
            password_file.write_text(secrets.token_urlsafe(12))
        password = password_file.read_text().strip()

        User = get_user_model()
        admin, created = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
        if created:
            admin.set_password(password)
            admin.save()
        editor, created = User.objects.get_or_create(username="editor", defaults={"first_name": "บรรณาธิการ"})
        if created:
            editor.set_password(password)
            editor.save()
        editor.groups.add(Group.objects.get(name=EDITORS))
        centre = LearningCentrePage.objects.order_by("path").first()
        contributor, created = User.objects.get_or_create(username="contributor", defaults={"first_name": "ผู้เขียน"})
        if created:
            contributor.set_password(password)
            contributor.save()
        if centre:
            add_contributor(contributor, centre)

        self.stdout.write(self.style.SUCCESS("Admin: http://127.0.0.1:{port}/admin/".format(port=os.environ.get("PORT", "8000"))))
        self.stdout.write(f"  administrator  admin / {password}")
        self.stdout.write(f"  editor         editor / {password}")
        if centre:
            self.stdout.write(f"  contributor    contributor / {password}  (writes for: {centre.title})")
        self.stdout.write("  (passwords changed later in the admin are not shown here)")
