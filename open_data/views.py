"""The editors' import page in the admin (/admin/open-data/import/): the upload is stored and
imported in the background (open_data.tasks); each run keeps its report on its own page
(/admin/open-data/import/<id>/), which the editor can come back to."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from learning_centres.models import CentreIndexPage

from .columns import CASE_STUDY_COLUMNS, LAO_COLUMNS, Column
from .exports import UTF8_BOM
from .forms import ImportForm
from .models import ImportRun
from .tasks import run_import

RECENT_RUNS = 20
# What the import reads, per kind of file: the template's header and the guide on the page.
IMPORTED_COLUMNS: dict[str, tuple[Column, ...]] = {
    "case_studies": tuple(column for column in CASE_STUDY_COLUMNS if column.imported),
    "laos": LAO_COLUMNS,
}


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


def _store(upload) -> Path:
    """The upload copied, chunk by chunk, to an owner-only file the background task reads."""
    folder = Path(settings.IMPORT_UPLOAD_DIR)
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    suffix = PurePosixPath(upload.name.lower()).suffix
    handle, name = tempfile.mkstemp(suffix=suffix, dir=folder)
    with os.fdopen(handle, "wb") as stored:
        for chunk in upload.chunks():
            stored.write(chunk)
    return Path(name)


def import_view(request):
    if not can_import(request.user):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        run = ImportRun.objects.create(
            user=request.user,
            file_name=upload.name[:255],
            kind=form.cleaned_data["kind"],
            dry_run=form.cleaned_data["dry_run"],
            publish=form.cleaned_data["publish"],
            stored_file=str(_store(upload)),
        )
        run_import.enqueue(run.pk)
        return redirect("open_data_import_run", pk=run.pk)
    return render(
        request,
        "open_data/import.html",
        {
            "form": form,
            "runs": ImportRun.objects.select_related("user")[:RECENT_RUNS],
            "guides": [(kind, label, IMPORTED_COLUMNS[kind]) for kind, label in ImportForm.KINDS],
            "page_title": _("นำเข้าข้อมูล"),
            "header_title": _("นำเข้าข้อมูล"),
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


def import_run_view(request, pk: int):
    if not can_import(request.user):
        raise PermissionDenied
    run = get_object_or_404(ImportRun.objects.select_related("user"), pk=pk)
    return render(
        request,
        "open_data/import_run.html",
        {"run": run, "page_title": _("รายงานการนำเข้า"), "header_title": _("รายงานการนำเข้า: %(name)s") % {"name": run.file_name}},
    )


def import_template_view(request, kind: str):
    """An empty file with the columns the import reads, in order, to fill in a spreadsheet
    program (UTF-8 with a byte-order mark, which Excel needs to read Thai)."""
    if not can_import(request.user):
        raise PermissionDenied
    if kind not in IMPORTED_COLUMNS:
        raise Http404
    writer_line = ",".join(column.name for column in IMPORTED_COLUMNS[kind])
    response = HttpResponse(UTF8_BOM + writer_line + "\r\n", content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{kind}-template.csv"'
    return response
