"""The validation report of an import: what was read, what is wrong (with row numbers),
and what was (or, on a dry run, would be) written."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

COUNT_LABELS = {
    "created": gettext_noop("สร้างใหม่"),
    "updated": gettext_noop("ปรับปรุง"),
    "centres_created": gettext_noop("ศูนย์ใหม่"),
    "laos_created": gettext_noop("อปท. ใหม่"),
}
MAX_LISTED_ERRORS = 1000  # a report of a huge bad file stays readable and small


@dataclass(frozen=True)
class RowError:
    row: int | None  # None: the file as a whole
    column: str | None
    message: str

    def __str__(self) -> str:
        where = _("แถว %(row)s") % {"row": self.row} if self.row else _("ทั้งไฟล์")
        if self.column:
            where += f" [{self.column}]"
        return f"{where}: {self.message}"


@dataclass
class ImportReport:
    dry_run: bool = False
    rows: int = 0
    error_count: int = 0
    errors: list[RowError] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    counts: Counter = field(default_factory=Counter)  # e.g. created, updated, centres_created
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.error_count == 0

    def error(self, row: int | None, column: str | None, message: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_LISTED_ERRORS:
            self.errors.append(RowError(row, column, message))

    @property
    def invalid_rows(self) -> int:
        return len({error.row for error in self.errors if error.row})

    def summary(self) -> str:
        if not self.ok:
            return _("พบข้อผิดพลาด %(errors)s รายการ จาก %(rows)s แถว: ไม่ได้บันทึกข้อมูลใด ๆ") % {
                "errors": self.error_count,
                "rows": self.rows,
            }
        counted = ", ".join(f"{_(COUNT_LABELS.get(name, name))} {count}" for name, count in sorted(self.counts.items()))
        if self.dry_run:
            return _("ตรวจแล้ว %(rows)s แถว ไม่พบข้อผิดพลาด (ทดลอง: ยังไม่ได้บันทึก) %(counts)s") % {"rows": self.rows, "counts": counted}
        return _("นำเข้าแล้ว %(rows)s แถว %(counts)s") % {"rows": self.rows, "counts": counted}

    def lines(self) -> list[str]:
        lines = [*(_("หมายเหตุ: ") + notice for notice in self.notices), *(str(error) for error in self.errors)]
        if self.error_count > len(self.errors):
            lines.append(_("… และข้อผิดพลาดอื่นอีก %(count)s รายการ") % {"count": self.error_count - len(self.errors)})
        lines.append(self.summary())
        return lines

    def __str__(self) -> str:
        return "\n".join(self.lines())
