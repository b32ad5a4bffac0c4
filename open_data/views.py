"""The editors' import page in the admin (/admin/open-data/import/): the same importers as
the commands, with the validation report shown on the page."""

from __future__ import annotations

import tempfile
from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from learning_centres.models import CentreIndexPage

from .forms import ImportForm
from .importing.case_studies import import_case_studies
from .importing.laos import import_laos


def can_import(user) -> bool:
    """Editors: an import creates and publishes pages under every centre, so it needs the
    right to publish the whole centre directory (contributors only write their own centre)."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    index = CentreIndexPage.objects.first()
    return (
        index is not None
        and index.permissions_for_user(user).can_publish()
        and user.has_perm("learning_centres.add_localadministrativeorganisation")
    )


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    report = None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        suffix = PurePosixPath(upload.name.lower()).suffix
        with tempfile.NamedTemporaryFile(suffix=suffix) as stored:
            for chunk in upload.chunks():
                stored.write(chunk)
            stored.flush()
            if form.cleaned_data["kind"] == "laos":
                report = import_laos(stored.name, name=upload.name, dry_run=form.cleaned_data["dry_run"])
            else:
                report = import_case_studies(
                    stored.name,
                    name=upload.name,
                    dry_run=form.cleaned_data["dry_run"],
                    publish=form.cleaned_data["publish"],
                    user=request.user,
                )
    return render(
        request,
        "open_data/import.html",
        {"form": form, "report": report, "page_title": _("นำเข้าข้อมูล"), "header_title": _("นำเข้าข้อมูล")},
        status=400 if report is not None and not report.ok else 200,
    )
