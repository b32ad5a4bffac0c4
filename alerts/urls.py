"""Public URLs of the alerts: /alerts/… in Thai, /en/alerts/… in English."""

from django.urls import path

from . import views

app_name = "alerts"

urlpatterns = [
    path("alerts/new/", views.subscribe, name="subscribe"),
    path("alerts/confirm/<str:signed>/", views.confirm, name="confirm"),
    path("alerts/manage/<str:token>/", views.manage, name="manage"),
    path("alerts/unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
