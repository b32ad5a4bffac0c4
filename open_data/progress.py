"""A one-line progress bar for long imports on a terminal (stderr, redrawn in place)."""

from __future__ import annotations

import sys
from typing import TextIO


class ProgressBar:
    def __init__(self, stream: TextIO | None = None, width: int = 30):
        self.stream = stream or sys.stderr
        self.width = width

    def __call__(self, phase: str, done: int, total: int | None) -> None:
        label = "ตรวจ" if phase == "check" else "บันทึก"
        if total:
            filled = int(self.width * done / total)
            line = f"\r{label} [{'#' * filled}{'.' * (self.width - filled)}] {done:,}/{total:,}"
        else:
            line = f"\r{label} {done:,} แถว"
        self.stream.write(line)
        if total and done >= total:
            self.stream.write("\n")
        self.stream.flush()
