"""`make bench`: the portals speed side by side with Wagtails own search (see BENCHMARKS.md)."""
