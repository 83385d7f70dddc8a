from django.db import models


class Book(models.Model):
    title = models.CharField(max_length=200)
    author = models.CharField(max_length=200)
    cover_checked = models.BooleanField(default=False)

    def __str__(self) -> str:
        return f"{self.title} ({self.author})"
