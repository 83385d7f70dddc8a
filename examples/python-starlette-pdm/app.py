import asyncio
import os

import httpx
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

URLS = [u.strip() for u in os.getenv("CHECK_URLS", "").split(",") if u.strip()]
TIMEOUT = float(os.getenv("CHECK_TIMEOUT", "5"))


async def check(client: httpx.AsyncClient, url: str) -> dict[str, object]:
    try:
        response = await client.get(url)
        return {"url": url, "up": response.status_code < 500, "status": response.status_code}
    except httpx.HTTPError as error:
        return {"url": url, "up": False, "error": type(error).__name__}


async def board(request: Request) -> JSONResponse:
    async with httpx.AsyncClient(timeout=TIMEOUT, follow_redirects=True) as client:
        results = await asyncio.gather(*(check(client, url) for url in URLS))
    return JSONResponse({"checks": results})


async def healthz(request: Request) -> JSONResponse:
    return JSONResponse({"status": "ok"})


app = Starlette(routes=[Route("/", board), Route("/healthz", healthz)])

if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.getenv("PORT", "8000")))
