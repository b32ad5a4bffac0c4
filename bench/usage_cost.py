"""What counting a visit costs a page (usage.middleware): the same case-study pages timed with
the usage middleware and without it, interleaved (and in alternating order) so that a busy
moment of the machine, and warm caches, fall on both alike. Part of bench.measure
(`usage_cost`); also runs alone against any database that holds case studies:

    DJANGO_SETTINGS_MODULE=portal.settings.dev python -m bench.usage_cost --repeat 200
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0 Safari/537.36"


def usage_cost(repeat: int) -> dict:
    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from learning_centres.models import CaseStudyPage

    urls = [page.url for page in CaseStudyPage.objects.live().filter(locale__language_code="th")[:20]]
    counted = Client(HTTP_USER_AGENT=BROWSER, HTTP_HOST="localhost")
    with override_settings(MIDDLEWARE=[name for name in settings.MIDDLEWARE if name != "usage.middleware.UsageMiddleware"]):
        uncounted = Client(HTTP_USER_AGENT=BROWSER, HTTP_HOST="localhost")
        uncounted.get(urls[0])  # load the middleware chain under these settings
    for client in (counted, uncounted):  # first requests import templates: not a page's cost
        for url in urls:
            client.get(url)
    samples: dict[str, list[float]] = {"with_counting": [], "without_counting": []}
    for n in range(repeat):
        url = urls[n % len(urls)]
        pair = (("with_counting", counted), ("without_counting", uncounted))
        for name, client in pair if n % 2 else pair[::-1]:  # alternate: the second of a pair finds caches warm
            start = time.perf_counter()
            response = client.get(url)
            samples[name].append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)

    def summary(values: list[float]) -> dict:
        ordered = sorted(values)
        return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(ordered[int(len(ordered) * 0.95) - 1], 2)}

    result = {name: summary(values) for name, values in samples.items()}
    result["median_difference_ms"] = round(result["with_counting"]["median_ms"] - result["without_counting"]["median_ms"], 2)
    result["requests_each"] = repeat
    return result


def main() -> None:
    import django

    django.setup()
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=200)
    print(json.dumps(usage_cost(parser.parse_args().repeat), indent=2))


if __name__ == "__main__":
    main()
