from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_GET, require_POST

from .models import Book
from .tasks import check_cover


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})


@require_GET
def book_list(request: HttpRequest) -> JsonResponse:
    books = [{"id": b.id, "title": b.title, "author": b.author} for b in Book.objects.order_by("id")]
    return JsonResponse({"books": books})


@require_POST
def book_create(request: HttpRequest) -> JsonResponse:
    book = Book.objects.create(title=request.POST["title"], author=request.POST["author"])
    check_cover.delay(book.id)
    return JsonResponse({"id": book.id}, status=201)
