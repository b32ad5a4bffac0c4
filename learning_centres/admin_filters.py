"""Filters for the admin's flat list of case studies (centre type, area, province)."""

import django_filters

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.views.pages.listing import PageFilterSet

from .models import CaseStudyPage, CentreType, FocusArea, Province
from .models.pages import with_centre


class CaseStudyFilterSet(PageFilterSet):
    centre_type = django_filters.ChoiceFilter(label=_("ประเภทศูนย์"), choices=CentreType.choices, method="filter_centre_type")
    focus_areas = django_filters.ModelMultipleChoiceFilter(
        label=_("ด้านพื้นฐาน"),
        queryset=FocusArea.objects.originals(),
        widget=forms.CheckboxSelectMultiple,
        field_name="focus_areas",
        distinct=True,
    )
    province = django_filters.ModelChoiceFilter(label=_("จังหวัด"), queryset=Province.objects.all(), method="filter_province")

    class Meta:
        model = CaseStudyPage
        fields = []

    def filter_centre_type(self, queryset, name, value):
        return with_centre(queryset, centre_type=value) if value else queryset

    def filter_province(self, queryset, name, value):
        return with_centre(queryset, province=value) if value else queryset
