import datetime

import pytest

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone

from exchange.models import VisitPolicy, VisitRequest
from learning_centres.roles import EDITORS, add_contributor

User = get_user_model()


def in_days(days: int) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


@pytest.fixture
def centre(centre_index):
    from tests.learning_centres.factories import LearningCentrePageFactory

    return LearningCentrePageFactory(parent=centre_index, contact_email="centre@example.go.th", visiting_capacity=40)


@pytest.fixture
def other_centre(centre_index):
    from tests.learning_centres.factories import LearningCentrePageFactory

    return LearningCentrePageFactory(parent=centre_index, contact_email="other@example.go.th")


@pytest.fixture
def policy(centre):
    return VisitPolicy.objects.create(centre=centre, min_notice_days=7)


@pytest.fixture
def contributor(centre):
    user = User.objects.create_user("somsri", email="somsri@example.go.th", password="pw")
    add_contributor(user, centre)
    return user


@pytest.fixture
def other_contributor(other_centre):
    user = User.objects.create_user("somchai", email="somchai@example.go.th", password="pw")
    add_contributor(user, other_centre)
    return user


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", email="editor@example.go.th", password="pw")
    user.groups.add(Group.objects.get(name=EDITORS))
    return user


@pytest.fixture
def form_data():
    """A valid request as a person types it: Thai digits, a Buddhist-era date, an abbreviation."""
    return {
        "organisation": "เทศบาลตำบลทดสอบ",
        "contact_name": "สมหญิง ใจดี",
        "email": "somying@example.go.th",
        "phone": "๐๘๑-๒๓๔-๕๖๗๘",
        "group_size": "๒๕",
        "preferred_date": in_days(30).isoformat(),
        "alternative_date": "",
        "purpose": "เรียนรู้การจัดการศูนย์ดูแลผู้สูงอายุในชุมชน",
        "topics": [],
        "consent": "on",
        "website": "",
    }


def make_request(centre, **fields) -> VisitRequest:
    values = {
        "organisation": "เทศบาลตำบลทดสอบ",
        "contact_name": "สมหญิง ใจดี",
        "email": "somying@example.go.th",
        "phone": "081-234-5678",
        "group_size": 20,
        "preferred_date": in_days(30),
        "purpose": "เรียนรู้การจัดการศูนย์",
        "consent_at": timezone.now(),
    }
    values.update(fields)
    return VisitRequest.objects.create(centre=centre, **values)


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run what the code defers to after the commit (emails), as a real request would."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
