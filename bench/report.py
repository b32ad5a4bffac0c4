"""Tables (Markdown) from the JSON results of bench.measure, one column group per size."""

from __future__ import annotations

PORTAL, TOOK, WAGTAIL_OS, WAGTAIL_DB = "portal", "portal_took", "wagtail_opensearch", "wagtail_database"
REPEATED = "portal_repeated"
NAMES = {
    PORTAL: "portal view (engine), a new query",
    TOOK: "engine `took`",
    REPEATED: "portal view, the same query again (engine's request cache)",
    WAGTAIL_OS: "Wagtail OpenSearch backend",
    WAGTAIL_DB: "Wagtail database backend",
}
CATEGORIES = {
    "thai_word": "Thai, one word",
    "thai_phrase": "Thai phrase",
    "two_facets": "with two facets",
    "english": "English",
    "all": "all",
}


def _ratio(row: dict, peer: str) -> str:
    """The peer's p95 over the portal's, or – where the peer was not measured (budget)."""
    if peer not in row or not row[PORTAL]["p95"]:
        return "–"
    return f"{row[peer]['p95'] / row[PORTAL]['p95']:.1f}×"


def markdown(results: list[dict]) -> str:
    lines: list[str] = []
    for result in results:
        n = result["n"]
        lines += [f"### N = {n:,} case studies ({result['created']['centres']:,} centres)", ""]
        lines += ["| reindex | seconds | case studies/s | notes |", "|---|---:|---:|---|"]
        ours = result["reindex"][PORTAL]
        notes = f"{ours['rejected_bulk_items']} rejected items, {ours['thread_pool_rejections']} write thread-pool rejections"
        if "workers" in ours:
            notes += f"; {ours['workers']} document worker{'s' if ours['workers'] > 1 else ''}"
        label = (
            "portal `rebuild`, text unchanged (segmentations stored by an earlier run)"
            if ours.get("text_unchanged")
            else ("portal (`rebuild`: documents, bulk, alias swap, reconcile)")
        )
        lines.append(f"| {label} | {ours['seconds']} | {ours['case_studies_per_s']:,} | {notes} |")
        if "unchanged_text_seconds" in ours:
            lines.append(
                f"| portal `rebuild` again, text unchanged (segmentations re-used) | {ours['unchanged_text_seconds']} "
                f"| {ours['unchanged_text_case_studies_per_s']:,} | |"
            )
        for name in (WAGTAIL_OS, WAGTAIL_DB):
            if name not in result["reindex"]:
                continue
            peer = result["reindex"][name]
            lines.append(f"| {NAMES[name]} (`update_index`, all indexed models) | {peer['seconds']} | {peer['case_studies_per_s']:,} | |")
        fill = result.get("fallback_fill", {})
        if "seconds" in fill:
            lines.append(f"| portal fallback table (`rebuild_fallback`) | {fill['seconds']} | {fill['case_studies_per_s']:,} | |")
        lines.append("")
        if "search" not in result:  # --only reindex
            lines += [_machine_line(result), ""]
            continue

        lines += [
            "| search, ms | "
            + " | ".join(f"{NAMES[name]} p50 / p95 / p99" for name in NAMES)
            + " | p95 ratio OpenSearch peer / portal | p95 ratio database peer / portal |",
            "|---|" + "---:|" * (len(NAMES) + 2),
        ]
        for category, label in CATEGORIES.items():
            row = result["search"][category]
            cells = [
                f"{row[name]['p50']} / {row[name]['p95']} / {row[name]['p99']}" if name in row else _missing(result, name, category)
                for name in NAMES
            ]
            lines.append(f"| {label} | " + " | ".join(cells) + f" | {_ratio(row, WAGTAIL_OS)} | {_ratio(row, WAGTAIL_DB)} |")
        lines.append("")
        auto = result["autocomplete"]
        lines += ["| autocomplete, ms | p50 | p95 | p99 |", "|---|---:|---:|---:|"]
        for name in (PORTAL, WAGTAIL_OS, WAGTAIL_DB):
            label = "portal /api/search/suggest/" if name == PORTAL else NAMES[name]
            if name in auto:
                lines.append(f"| {label} | {auto[name]['p50']} | {auto[name]['p95']} | {auto[name]['p99']} |")
            else:
                lines.append(f"| {label} | {_missing(result, name, 'autocomplete')} | – | – |")
        lines.append("")
        if "pages" not in result:  # --only search
            lines += [_machine_line(result), ""]
            continue
        lines += [
            "| page | uncached p50 / p95, ms | page-cache miss p50 / p95, ms | cached p50 / p95, ms | queries (uncached / miss / cached) |",
            "|---|---:|---:|---:|---:|",
        ]
        for name, row in result["pages"].items():
            miss = f"{row['miss']['p50']} / {row['miss']['p95']}" if "miss" in row else "–"
            uncached, cached = row["uncached"], row["cached"]
            lines.append(
                f"| {name} | {uncached['p50']} / {uncached['p95']} | {miss} | {cached['p50']} / {cached['p95']} "
                f"| {row['queries_uncached']} / {row.get('queries_miss', '–')} / {row['queries_cached']} |"
            )
        lines.append("")
        lines += [
            "| Thai word | contain it (substring) | contain it (as a word) "
            "| portal finds | Wagtail OpenSearch finds | Wagtail database finds |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in result["recall"]:
            cells = [
                f"{row[name]['of_substring']} ({row[name]['found']} found)" if name in row else _missing(result, name, "recall")
                for name in (PORTAL, WAGTAIL_OS, WAGTAIL_DB)
            ]
            lines.append(f"| {row['word']} | {row['contain_substring']} | {row['contain_as_word']} | " + " | ".join(cells) + " |")
        memory = result.get("worker_memory")
        if memory:
            lines += [
                "",
                f"A gunicorn worker's memory (RSS) over {memory['requests']:,} mixed requests (case studies, listings, home, feeds, "
                f"searches; {memory['errors']} errors, {memory['seconds']} s): {memory['rss_mb_started']} MB started, "
                f"{memory['rss_mb_warm']} MB after the first tenth, {memory['rss_mb_end']} MB at the end.",
            ]
        lines += ["", _budget_line(result), "", _machine_line(result), ""]
    return "\n".join(lines)


def _missing(result: dict, name: str, phase: str) -> str:
    """The cell of a peer without figures: stopped at the timeout, or not asked (budget)."""
    budget = result.get("peer_budget", {})
    timeouts = budget.get("timeouts", {}).get(name, {})
    if timeouts.get(phase) or (phase == "all" and timeouts):
        return f"> {budget['timeout_s'] * 1000:,.0f} (timed out)"
    return "–"


def _budget_line(result: dict) -> str:
    budget = result["peer_budget"]
    spent = ", ".join(f"{NAMES[name]} {seconds:,} s" for name, seconds in budget["spent_s"].items() if name not in (PORTAL, REPEATED))
    line = f"Peers' time on requests (budget {budget['seconds']:,.0f} s each, shared by six phases): {spent}."
    skipped = budget["skipped_requests"]
    if skipped:
        line += " Not measured (over budget; – in the tables): " + ", ".join(
            f"{NAMES[name]} {count} request{'s' if count > 1 else ''}" for name, count in skipped.items()
        )
        line += ". A request slower than 2 s is timed once (its warm-up is its sample)."
    for name, phases in budget.get("timeouts", {}).items():
        count = sum(phases.values())
        line += f" {NAMES[name]}: {count} request{'s' if count > 1 else ''} stopped at the {budget['timeout_s']:,.0f} s timeout."
    return line


def _machine_line(result: dict) -> str:
    machine = result["machine"]
    line = (
        f"Machine: {machine['cpus']} cores ({machine['cpu_model']}), {machine['memory_gb']} GB RAM, load average "
        f"{', '.join(f'{x:.1f}' for x in machine['load_average'])} at the start and "
        f"{', '.join(f'{x:.1f}' for x in machine['load_average_end'])} at the end; Python {machine['python']}, "
        f"Django {machine['django']}, Wagtail {machine['wagtail']}, django-modelsearch {machine['modelsearch']}, "
        f"OpenSearch {machine['opensearch']}, SQLite {machine['sqlite']}, PyThaiNLP {machine['pythainlp']}. "
        f"Corpus generated in {result['generate_s']} s, loaded in {result['load_s']} s; "
        f"segmenter load {result['segmenter_load_ms']} ms"
    )
    if "search" not in result:
        return line + "; the portal's rebuild alone (`--only reindex`)."
    if "pages" not in result:
        return line + f"; the portal alone on an earlier run's database (`--only search`); {result['repeat']} timed requests per query."
    return line + f"; {result['repeat']} timed requests per query and backend; {result['client']}."
