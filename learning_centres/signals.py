from django.db.models.signals import post_save
from django.dispatch import receiver

from .models import LearningCentrePage
from .roles import ensure_centre_access, original_centre


@receiver(post_save, sender=LearningCentrePage)
def give_new_centre_its_contributor_group(sender, instance, created, raw=False, **kwargs):
    """A Thai centre gets its group; its English alias or translation joins the same group's
    reach (ensure_centre_access grants on every translation of the centre)."""
    if created and not raw:
        ensure_centre_access(original_centre(instance))
