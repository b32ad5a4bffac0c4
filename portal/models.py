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


class WorkerHeartbeat(models.Model):
    """When a background process last showed it was alive (portal/heartbeats.py); the
    readiness endpoint reports how long ago."""

    name = models.CharField(max_length=60, unique=True)
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.name}: {self.beat_at:%Y-%m-%d %H:%M:%S}"
