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


def rss_mib() -> float:
    """The process's current resident size (Linux), for the progress lines."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * resource.getpagesize() / 2**20
    except OSError:
        return 0.0


def measure(rows: int, write: bool, *, trace: bool = True, profile: str | None = None) -> dict:
    from open_data.importing.case_studies import import_case_studies

    started = time.perf_counter()

    def progress(phase: str, done: int, total: int | None) -> None:
        if phase == "write" and (done % 500 == 0 or done == total):
            print(f"  write {done}/{total}: {time.perf_counter() - started:.0f} s, RSS {rss_mib():.0f} MiB", flush=True)

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        write_rows(path, rows)
        if trace:
            tracemalloc.start()
        profiler = None
        if profile:
            import cProfile

            profiler = cProfile.Profile()
            profiler.enable()
        started = time.perf_counter()
        report = import_case_studies(path, dry_run=not write, publish=write, progress=progress)
        elapsed = time.perf_counter() - started
        if profiler:
            profiler.disable()
            profiler.dump_stats(profile)
        peak = tracemalloc.get_traced_memory()[1] if trace else None
        tracemalloc.stop()
    assert report.ok, str(report)
    result = {"rows": report.rows, "seconds": round(elapsed, 1), "rows_per_s": round(report.rows / elapsed, 1)}
    if peak is not None:
        result["peak_mib"] = round(peak / 2**20, 1)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--write", action="store_true", help="write (and publish) the rows, not only check them")
    parser.add_argument("--no-tracemalloc", action="store_true", help="only the process's RSS (tracemalloc slows writing)")
    parser.add_argument("--profile", metavar="FILE", help="write cProfile statistics of the import to FILE")
    args = parser.parse_args()
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    from home.demo import ensure_site_structure

    ensure_site_structure()
    result = measure(args.rows, args.write, trace=not args.no_tracemalloc, profile=args.profile)
    max_rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{'write' if args.write else 'dry run'}: {result} max RSS {max_rss:.0f} MiB")


if __name__ == "__main__":
    main()
