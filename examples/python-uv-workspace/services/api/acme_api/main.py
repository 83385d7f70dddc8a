from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from acme_common import Base, Order
from acme_common.models import engine, session
from fastapi import FastAPI, HTTPException
from pydantic import BaseModel


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    Base.metadata.create_all(engine)
    yield


app = FastAPI(title="acme-api", lifespan=lifespan)


class OrderIn(BaseModel):
    item: str


@app.get("/healthz")
def healthz() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/orders", status_code=201)
def create_order(order: OrderIn) -> dict[str, object]:
    with session() as db:
        row = Order(item=order.item)
        db.add(row)
        db.commit()
        return {"id": row.id, "item": row.item, "status": row.status}


@app.get("/orders/{order_id}")
def get_order(order_id: int) -> dict[str, object]:
    with session() as db:
        row = db.get(Order, order_id)
        if row is None:
            raise HTTPException(status_code=404, detail="order not found")
        return {"id": row.id, "item": row.item, "status": row.status}
