import logging

from fastapi import FastAPI

from app.config import settings
from app.routes import notes

logging.basicConfig(level=settings.log_level.upper())

app = FastAPI(title="notes-api")
app.include_router(notes.router)


@app.get("/healthz")
async def healthz() -> dict[str, str]:
    return {"status": "ok"}
