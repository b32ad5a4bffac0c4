"""Thai text as a reader sees it in Chromium: titles and facet labels wrap only between
words, body lines hold at most about 75 Thai characters, and the interface uses one kind of
digits (Arabic)."""

import re
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

# Thai vowels and tone marks above or below a consonant take no width of their own.
COMBINING = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
WORDS_SPLIT = """els => els.filter(el => el.getClientRects().length > 1).map(el => el.textContent)"""


def first_link(page, portal_url: str, listing: str) -> str:
    page.goto(portal_url + listing)
    return page.locator(".card-title a").first.get_attribute("href")


# The portal's words that Chromium's own line breaker (ICU's dictionary, which Intl.Segmenter
# exposes) would cut in two: names, abbreviations and programme terms. Without them nothing
# tells a wrapped title from one the browser broke by itself.
BROWSER_WOULD_SPLIT = """els => els.map(el => el.textContent).filter(word =>
    [...new Intl.Segmenter('th', {granularity: 'word'}).segment(word)].filter(s => s.isWordLike).length > 1)"""


def split_words_at_every_width(page, selector: str, widths: range) -> dict[int, list[str]]:
    """For each width of the element's box, the portal's words that end up on two lines. A
    sweep moves the line ends across every word, so a word the browser may cut is met."""
    found = {}
    for width in widths:
        page.locator(selector).first.evaluate(f"el => el.style.width = '{width}px'")
        split = page.locator(selector).first.locator(".nw").evaluate_all(WORDS_SPLIT)
        if split:
            found[width] = split
    return found


def test_a_long_thai_title_wraps_only_between_words(phone, portal_url):
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto(portal_url + first_link(phone, portal_url, "/case-studies/"))
    title = phone.locator("h1")
    assert title.locator(".nw").count() >= 3
    assert title.locator(".nw").evaluate_all(BROWSER_WOULD_SPLIT), "no word of the title that the browser would cut: nothing to test"
    assert split_words_at_every_width(phone, "h1", range(90, 300, 6)) == {}, "a word of the title is split across lines"


def test_facet_labels_wrap_only_between_words(phone, portal_url):
    phone.set_viewport_size({"width": 320, "height": 700})
    phone.goto(portal_url + "/case-studies/")
    phone.locator("[data-filter-toggle]").click()
    labels = phone.locator("#facets .nw")
    assert labels.count() > 10
    assert labels.evaluate_all(BROWSER_WOULD_SPLIT), "no label word that the browser would cut: nothing to test"
    assert split_words_at_every_width(phone, "#facets", range(120, 300, 6)) == {}


def characters_per_line(page, selector: str) -> list[int]:
    """Spacing characters on each rendered line of the element's text."""
    return page.locator(selector).first.evaluate(
        """(el, combining) => {
            const marks = new RegExp('[' + combining + ']');
            const lines = new Map();
            const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
            const range = document.createRange();
            for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                for (let i = 0; i < node.data.length; i++) {
                    if (marks.test(node.data[i]) || !node.data[i].trim()) continue;
                    range.setStart(node, i); range.setEnd(node, i + 1);
                    const rect = range.getClientRects()[0];
                    if (!rect) continue;
                    const top = Math.round(rect.top / 4);
                    lines.set(top, (lines.get(top) || 0) + 1);
                }
            }
            return [...lines.values()];
        }""",
        COMBINING,
    )


def test_body_lines_hold_at_most_about_75_thai_characters(page, portal_url):
    page.set_viewport_size({"width": 1440, "height": 900})
    page.goto(portal_url + first_link(page, portal_url, "/case-studies/"))
    counts = characters_per_line(page, ".case-section.prose p")
    assert len(counts) >= 2
    assert max(counts) <= 80, f"lines of {counts} characters"


@pytest.mark.parametrize("url", ["/", "/case-studies/", "/search/?q=" + quote("ผู้สูงอายุ")])
def test_the_interface_uses_arabic_digits(page, portal_url, url):
    page.goto(portal_url + url)
    # Content keeps the digits its author typed; everything the portal writes itself is Arabic.
    interface = page.evaluate(
        """() => { const copy = document.body.cloneNode(true);
                   copy.querySelectorAll('[lang], .snippet, .card-title, .result p, .lead, .prose, .card p').forEach(e => e.remove());
                   return copy.innerText; }"""
    )
    assert not re.search("[๐-๙]", interface), re.findall(".{0,20}[๐-๙].{0,20}", interface)[:5]
