from celery import shared_task

from .models import Book


@shared_task
def check_cover(book_id: int) -> None:
    Book.objects.filter(pk=book_id).update(cover_checked=True)
