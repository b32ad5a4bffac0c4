from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import LearningCentrePage
from .roles import ensure_centre_access


@receiver(post_save, sender=LearningCentrePage)
def give_new_centre_its_contributor_group(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        ensure_centre_access(instance)
