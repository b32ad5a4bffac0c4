"""Public URLs of the learning_centres app that are not Wagtail pages: the case-study feeds."""

from django.urls import path

from . import feeds

app_name = "learning_centres"

urlpatterns = [
    path("feeds/case-studies.rss", feeds.LatestCaseStudiesFeed(), name="case_studies_rss"),
    path("feeds/case-studies.atom", feeds.LatestCaseStudiesAtomFeed(), name="case_studies_atom"),
]
