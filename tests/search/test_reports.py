"""Editors read what visitors search for, and what they do not find, in the admin."""

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.urls import reverse

from wagtail.contrib.search_promotions.models import Query

from learning_centres.roles import CONTRIBUTORS, EDITORS
from search.analytics import record_zero_result

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    user = get_user_model().objects.create_user("editor", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    client.force_login(user)
    return client


def test_editors_see_the_most_frequent_queries(editor_client):
    for _ in range(3):
        Query.get("ผู้สูงอายุ").add_hit()
    Query.get("ศพด").add_hit()
    html = editor_client.get(reverse("frequent_queries")).content.decode()
    assert html.index("ผู้สูงอายุ") < html.index("ศพด")


def test_editors_see_queries_that_found_nothing(editor_client):
    record_zero_result("ดาวอังคาร")
    record_zero_result("ดาวอังคาร")
    html = editor_client.get(reverse("zero_result_queries")).content.decode()
    assert "ดาวอังคาร" in html


def test_contributors_do_not_see_the_search_reports(client):
    user = get_user_model().objects.create_user("writer", password="pw")
    user.groups.add(Group.objects.get(name=CONTRIBUTORS))
    client.force_login(user)
    assert client.get(reverse("zero_result_queries")).status_code in (302, 403)
