from django.db import models
from django.utils.translation import gettext_lazy as _


class CentreAccess(models.Model):
    """The contributor group and media collection of one centre.

    Kept outside the page model so that page revisions never carry (or roll back) it.
    """

    centre = models.OneToOneField("learning_centres.LearningCentrePage", on_delete=models.CASCADE, related_name="access")
    group = models.OneToOneField("auth.Group", on_delete=models.CASCADE, related_name="centre_access")
    collection = models.ForeignKey("wagtailcore.Collection", on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("สิทธิ์ผู้เขียนของศูนย์")

    def __str__(self) -> str:
        return self.group.name
