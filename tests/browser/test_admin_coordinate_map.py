"""The centre editor's map (static/js/admin-coordinate-map.js): a click on the portal's own map
of Thailand sets the centre's latitude and longitude, and typed coordinates put the point in
the right province. Bangkok and Chiang Mai check the projection against real places."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import ADMIN_PASSWORD

pytestmark = pytest.mark.browser


def centre_editor(page, portal_url) -> None:
    page.goto(portal_url + "/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", ADMIN_PASSWORD)
    page.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/$"))
    centre_id = page.request.get(portal_url + "/api/v2/pages/?type=learning_centres.LearningCentrePage&limit=1").json()["items"][0]["id"]
    page.goto(f"{portal_url}/admin/pages/{centre_id}/edit/")


def centre_of(box: dict) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def test_a_click_on_the_map_sets_the_coordinates_and_typed_ones_move_the_point(page, portal_url):
    centre_editor(page, portal_url)
    bangkok = page.locator(".coordinate-map svg #bkk")
    expect(bangkok).to_be_visible(timeout=10_000)
    bangkok.scroll_into_view_if_needed()
    page.mouse.click(*centre_of(bangkok.bounding_box()))
    latitude, longitude = float(page.input_value("input[name=latitude]")), float(page.input_value("input[name=longitude]"))
    # The middle of Bangkok's outline: the city spans about 13.5–13.95 N, 100.3–100.95 E.
    assert 13.5 < latitude < 13.95 and 100.3 < longitude < 100.95, (latitude, longitude)

    page.fill("input[name=latitude]", "18.7883")  # Chiang Mai's old city
    page.fill("input[name=longitude]", "98.9853")
    # Read in one script, after a frame: filling a field scrolls the editor, and boxes read
    # one by one while it scrolls do not share one origin.
    where = page.evaluate(
        """() => new Promise((done) => requestAnimationFrame(() => {
            const marker = document.querySelector('.coordinate-map__marker').getBoundingClientRect();
            const x = marker.left + marker.width / 2, y = marker.top + marker.height / 2;
            const province = document.querySelector('.coordinate-map svg #cmi').getBoundingClientRect();
            done({inside: province.left < x && x < province.right && province.top < y && y < province.bottom,
                  under: document.elementsFromPoint(x, y).map((element) => element.id)});
        }))"""
    )
    assert where["inside"] and "cmi" in where["under"], where
