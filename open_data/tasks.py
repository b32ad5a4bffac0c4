"""The admin's imports run here, in the background (django-tasks: `manage.py db_worker` in
production, the immediate backend in tests), so that a large file never holds a request."""

from __future__ import annotations

import logging
from pathlib import Path

from django_tasks import task

from django.utils import timezone
from django.utils.translation import gettext as _

from .importing.case_studies import import_case_studies
from .importing.laos import import_laos
from .importing.report import ImportReport
from .models import ImportRun

logger = logging.getLogger(__name__)


@task()
def run_import(run_id: int) -> str:
    """Import the stored upload of `run_id`, keep its report on the row, remove the upload."""
    run = ImportRun.objects.select_related("user").get(pk=run_id)
    if run.status != ImportRun.Status.QUEUED:
        return run.status  # already taken (a task delivered twice)
    run.status = ImportRun.Status.RUNNING
    run.save(update_fields=["status"])
    path = Path(run.stored_file)
    try:
        if run.kind == ImportRun.Kind.LAOS:
            report = import_laos(path, name=run.file_name, dry_run=run.dry_run)
        else:
            report = import_case_studies(path, name=run.file_name, dry_run=run.dry_run, publish=run.publish, user=run.user)
    except Exception:  # the report must say something, whatever broke
        logger.exception("Import run %s failed", run_id)
        report = ImportReport(dry_run=run.dry_run)
        report.error(None, None, _("การนำเข้าล้มเหลวโดยไม่คาดคิด: ผู้ดูแลระบบดูรายละเอียดได้ในบันทึกของเซิร์ฟเวอร์"))
    finally:
        path.unlink(missing_ok=True)
    run.keep_report(report)
    run.stored_file = ""
    run.finished_at = timezone.now()
    run.save()
    return run.status
