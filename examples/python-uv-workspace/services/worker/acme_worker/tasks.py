from acme_common import Order, settings
from acme_common.models import session
from celery import Celery

app = Celery("acme_worker", broker=settings.redis_url)


@app.task
def fulfil(order_id: int) -> None:
    with session() as db:
        order = db.get(Order, order_id)
        if order is not None:
            order.status = "fulfilled"
            db.commit()
