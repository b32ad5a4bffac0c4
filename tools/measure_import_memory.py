"""Peak memory of importing N generated case-study rows (default 10,000), for docs/open-data.md.

    DJANGO_SETTINGS_MODULE=portal.settings.test DATABASE_URL=sqlite:////tmp/measure.sqlite3 \
        .venv/bin/python tools/measure_import_memory.py [--rows N] [--write]

Migrates the database it is given, writes a CSV of N rows for one new centre, then runs the
importer (a dry run unless --write) under tracemalloc and prints the peak of Python
allocations and the process's maximum resident size.
"""

import argparse
import os
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.test")


def write_rows(path: Path, count: int) -> None:
    import csv

    columns = [
        "external_id",
        "title",
        "summary",
        "year_be",
        "centre",
        "centre_type",
        "lao",
        "lao_type",
        "province",
        "focus_areas",
        "keywords",
    ]
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for number in range(count):
            writer.writerow(
                [
                    f"MEM-{number:05d}",
                    f"กรณีศึกษาทดสอบหน่วยความจำ {number}",
                    "อาสาสมัครในชุมชนเยี่ยมบ้านผู้สูงอายุติดเตียงทุกสัปดาห์ " * 5,
                    "๒๕๖๖",
                    "ศูนย์ทดสอบหน่วยความจำ",
                    "elderly_care",
                    "เทศบาลตำบลทดสอบหน่วยความจำ",
                    "เทศบาลตำบล",
                    "ขอนแก่น",
                    "community-health-care;community-welfare",
                    "ผู้สูงอายุ;อาสาสมัคร",
                ]
            )


def measure(rows: int, write: bool) -> dict:
    from open_data.importing.case_studies import import_case_studies

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        write_rows(path, rows)
        tracemalloc.start()
        started = time.perf_counter()
        report = import_case_studies(path, dry_run=not write, publish=write)
        elapsed = time.perf_counter() - started
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert report.ok, str(report)
    return {"rows": report.rows, "seconds": round(elapsed, 1), "peak_mib": round(peak / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--write", action="store_true")
    args = parser.parse_args()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from learning_centres.demo import ensure_site_structure

    ensure_site_structure()
    result = measure(args.rows, args.write)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'write' if args.write else 'dry run'}: {result} max RSS {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
