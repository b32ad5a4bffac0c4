from django.db import models


class RateLimitCounter(models.Model):
    """Hits of one key in one window of one limit (portal/ratelimit.py). A table rather than
    a cache: the counts must be shared by every worker process, incremented atomically and
    never evicted before their window ends."""

    key = models.CharField(max_length=120, unique=True)
    count = models.PositiveIntegerField(default=0)
    expires_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.key}: {self.count}"
