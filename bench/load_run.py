"""The load run: locust, headless, against a running `make serve` stack; writes throughput and
p95 per page into BENCHMARKS.md (section "Load run through the proxy"). Not a test.

    make serve && make load      # 50 visitors for 60 s against https://localhost:8443
    .venv/bin/python -m bench.load_run --host https://localhost:8443 --users 50 --time 60

Visitors: bench/locustfile.py. Exits 1 when any request failed.
"""

from __future__ import annotations

import argparse
import csv
import datetime
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BEGIN, END = "<!-- load-run:begin -->", "<!-- load-run:end -->"
SECTION_TITLE = "## Load run through the proxy (`make load`)"


def run_locust(host: str, users: int, seconds: int, out: Path) -> list[dict[str, str]]:
    out.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "locustfile.py"), "--headless", "--only-summary",
         "--users", str(users), "--spawn-rate", "10", "--run-time", f"{seconds}s", "--stop-timeout", "10",
         "--host", host, "--csv", str(out), "--exit-code-on-error", "0"],
        check=True,
        cwd=ROOT,
    )  # fmt: skip
    with open(f"{out}_stats.csv", newline="") as file:
        return list(csv.DictReader(file))


def table(rows: list[dict[str, str]], host: str, users: int, seconds: int) -> str:
    when = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()
    load = os.getloadavg()[0]
    lines = [
        f"{users} visitors (locust, headless, 0.5–2 s between requests) for {seconds} s against {host} "
        f"(nginx → gunicorn, 4 workers, PostgreSQL, the engine), on {when}, commit {commit}; load average "
        f"{load:.1f} on this machine's 2 shared cores at the end. Produced by `bench/load_run.py`.",
        "",
        "| page | requests | failures | requests/s | median ms | p95 ms | max ms |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        name = "**all**" if row["Name"] == "Aggregated" else row["Name"]
        lines.append(
            f"| {name} | {row['Request Count']} | {row['Failure Count']} | {float(row['Requests/s']):.1f} | "
            f"{row['50%']} | {row['95%']} | {float(row['Max Response Time']):.0f} |"
        )
    return "\n".join(lines)


def write_benchmarks(text: str) -> None:
    path = ROOT / "BENCHMARKS.md"
    content = path.read_text()
    block = f"{BEGIN}\n{text}\n{END}"
    if BEGIN in content:
        before, rest = content.split(BEGIN, 1)
        content = before + block + rest.split(END, 1)[1]
    else:
        content = content.rstrip("\n") + f"\n\n{SECTION_TITLE}\n\n{block}\n"
    path.write_text(content)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--host", default="https://localhost:8443")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--time", type=int, default=60, help="seconds")
    parser.add_argument("--out", type=Path, default=ROOT / "var" / "load" / "run")
    arguments = parser.parse_args(argv)
    rows = run_locust(arguments.host, arguments.users, arguments.time, arguments.out)
    text = table(rows, arguments.host, arguments.users, arguments.time)
    write_benchmarks(text)
    print(text)
    failures = sum(int(row["Failure Count"]) for row in rows if row["Name"] == "Aggregated")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
