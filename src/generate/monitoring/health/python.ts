/** Python health module: checks run in threads with timeouts; FastAPI/Starlette, Flask and Django routes. */
import type { AppStack } from '../otel/app-stack.js';
import { LIVE_PATH, READY_PATH, STARTUP_PATH, type ReadinessCheck } from './checks.js';

const CHECK_CODE: Record<ReadinessCheck['kind'], (name: string, env: string) => string> = {
  postgres: (name, env) => `def _check_${name}() -> None:
    import psycopg

    with psycopg.connect(os.environ["${env}"], connect_timeout=max(1, int(TIMEOUT_S))) as conn:
        conn.execute("SELECT 1")
`,
  mysql: (name, env) => `def _check_${name}() -> None:
    from urllib.parse import unquote, urlparse

    import pymysql

    url = urlparse(os.environ["${env}"])
    conn = pymysql.connect(host=url.hostname, port=url.port or 3306, user=unquote(url.username or ""), password=unquote(url.password or ""), connect_timeout=TIMEOUT_S)
    try:
        with conn.cursor() as cursor:
            cursor.execute("SELECT 1")
    finally:
        conn.close()
`,
  redis: (name, env) => `def _check_${name}() -> None:
    import redis

    client = redis.Redis.from_url(os.environ.get("${env}", "redis://localhost:6379"), socket_timeout=TIMEOUT_S, socket_connect_timeout=TIMEOUT_S)
    try:
        client.ping()
    finally:
        client.close()
`,
  mongodb: (name, env) => `def _check_${name}() -> None:
    from pymongo import MongoClient

    client = MongoClient(os.environ.get("${env}", "mongodb://localhost:27017"), serverSelectionTimeoutMS=int(TIMEOUT_S * 1000))
    try:
        client.admin.command("ping")
    finally:
        client.close()
`,
};

const ADAPTERS: Record<string, string> = {
  fastapi: `

def health_router():
    """app.include_router(health_router())"""
    from fastapi import APIRouter
    from fastapi.concurrency import run_in_threadpool
    from fastapi.responses import JSONResponse

    router = APIRouter()
    for path, probe in HEALTH_ROUTES.items():

        async def endpoint(probe=probe):
            code, body = await run_in_threadpool(probe)
            return JSONResponse(body, status_code=code)

        router.add_api_route(path, endpoint, methods=["GET"], include_in_schema=False)
    return router
`,
  starlette: `

def health_routes():
    """Starlette(routes=[*health_routes(), ...])"""
    from starlette.concurrency import run_in_threadpool
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    def make(probe):
        async def endpoint(request):
            code, body = await run_in_threadpool(probe)
            return JSONResponse(body, status_code=code)

        return endpoint

    return [Route(path, make(probe)) for path, probe in HEALTH_ROUTES.items()]
`,
  flask: `

def health_blueprint():
    """app.register_blueprint(health_blueprint())"""
    from flask import Blueprint, jsonify

    blueprint = Blueprint("health", __name__)
    for path, probe in HEALTH_ROUTES.items():

        def endpoint(probe=probe):
            code, body = probe()
            return jsonify(body), code

        blueprint.add_url_rule(path, endpoint=path, view_func=endpoint, methods=["GET"])
    return blueprint
`,
  django: `

def health_urls():
    """urlpatterns += health_urls()"""
    from django.http import JsonResponse
    from django.urls import path as route

    def make(probe):
        def view(request):
            code, body = probe()
            return JsonResponse(body, status=code)

        return view

    return [route(path.lstrip("/"), make(probe)) for path, probe in HEALTH_ROUTES.items()]
`,
};

export function pythonHealth(stack: AppStack, header: string, checks: readonly ReadinessCheck[], legacy: string | null): string {
  const routes = [`    "${LIVE_PATH}": liveness,`, `    "${READY_PATH}": readiness,`, `    "${STARTUP_PATH}": startup,`];
  if (legacy !== null) routes.push(`    # The plan's health path (Dockerfile HEALTHCHECK, Kubernetes probes): kept, as cheap as liveness.\n    "${legacy}": liveness,`);
  return `${header}
"""Health endpoints: ${LIVE_PATH} (no dependencies), ${READY_PATH} (each backing service within HEALTH_TIMEOUT_S),
${STARTUP_PATH} (readiness passed once). Body: {"status", "checks": {name: {"status", "latencyMs", "error"?}}}."""
import os
import re
import time
from concurrent.futures import ThreadPoolExecutor, wait

TIMEOUT_S = float(os.environ.get("HEALTH_TIMEOUT_S", "2"))


${checks.map((c) => CHECK_CODE[c.kind](c.name, c.envVar)).join('\n\n')}${checks.length > 0 ? '\n\n' : ''}CHECKS = {
${checks.map((c) => `    "${c.name}": _check_${c.name},`).join('\n')}
}
_executor = ThreadPoolExecutor(max_workers=max(1, len(CHECKS)), thread_name_prefix="health")
_started = False


def liveness():
    return 200, {"status": "ok", "checks": {}}


def readiness():
    global _started
    starts = {}
    futures = {}
    for name, check in CHECKS.items():
        starts[name] = time.perf_counter()
        futures[name] = _executor.submit(check)
    wait(futures.values(), timeout=TIMEOUT_S)
    results = {}
    for name, future in futures.items():
        latency = round((time.perf_counter() - starts[name]) * 1000)
        if not future.done():
            results[name] = {"status": "fail", "latencyMs": latency, "error": f"timed out after {TIMEOUT_S}s"}
        elif future.exception() is not None:
            # The message only, with credentials in URLs masked: this endpoint is public.
            message = re.sub(r"//[^@\\s]*@", "//***@", str(future.exception()))
            results[name] = {"status": "fail", "latencyMs": latency, "error": message}
        else:
            results[name] = {"status": "ok", "latencyMs": latency}
    ok = all(r["status"] == "ok" for r in results.values())
    if ok:
        _started = True
    return (200 if ok else 503), {"status": "ok" if ok else "fail", "checks": results}


def startup():
    if _started:
        return 200, {"status": "ok", "checks": {}}
    return readiness()


HEALTH_ROUTES = {
${routes.join('\n')}
}
${ADAPTERS[stack.framework] ?? ''}`;
}
