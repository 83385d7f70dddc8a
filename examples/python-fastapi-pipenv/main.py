import os
import secrets

from fastapi import FastAPI, HTTPException
from fastapi.responses import RedirectResponse
from pydantic import BaseModel, HttpUrl
from redis.asyncio import Redis

redis = Redis.from_url(os.environ["REDIS_URL"], decode_responses=True)
PUBLIC_URL = os.getenv("PUBLIC_URL", "http://localhost:8000")

app = FastAPI(title="shortlinks")


class LinkIn(BaseModel):
    url: HttpUrl


@app.get("/health")
async def health() -> dict[str, str]:
    return {"status": "ok"}


@app.post("/links", status_code=201)
async def shorten(link: LinkIn) -> dict[str, str]:
    code = secrets.token_urlsafe(5)
    await redis.set(f"link:{code}", str(link.url))
    return {"code": code, "short": f"{PUBLIC_URL}/{code}"}


@app.get("/{code}")
async def follow(code: str) -> RedirectResponse:
    target = await redis.get(f"link:{code}")
    if target is None:
        raise HTTPException(status_code=404, detail="unknown link")
    return RedirectResponse(target, status_code=307)
