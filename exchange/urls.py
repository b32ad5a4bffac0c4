"""Public URLs of the exchange: /visits/… (study visits) and /contact/… (messages to a centre)."""

from django.urls import path

from . import views

app_name = "exchange"

urlpatterns = [
    path("visits/request/<int:centre_id>/", views.request_visit, name="request"),
    path("visits/privacy/", views.privacy, name="privacy"),
    path("visits/organisations/", views.organisations, name="organisations"),
    path("visits/date-in-words/", views.date_in_words, name="date_in_words"),
    path("visits/<str:token>/", views.status, name="status"),
    path("visits/<str:token>/sent/", views.submitted, name="submitted"),
    path("visits/<str:token>/withdraw/", views.withdraw, name="withdraw"),
    path("visits/<str:token>/delete/", views.delete, name="delete"),
    path("contact/<int:centre_id>/", views.contact, name="contact"),
    path("contact/<int:centre_id>/sent/", views.contact_sent, name="contact_sent"),
]
