from django.conf import settings
from django.db import models


class CheckIn(models.Model):
    """One check-in, as sqjz stores one (person, time, day, position, accuracy, photo path, idempotency key)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    checked_at = models.DateTimeField()
    checked_on = models.DateField()
    latitude = models.DecimalField(max_digits=9, decimal_places=6)
    longitude = models.DecimalField(max_digits=9, decimal_places=6)
    accuracy = models.PositiveIntegerField(null=True)
    photo = models.CharField(max_length=200)
    idempotency_key = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "idempotency_key"], name="bare_checkin_key")]

    def __str__(self) -> str:
        return f"check-in {self.pk}"
