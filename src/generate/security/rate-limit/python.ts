/**
 * Rate limiting for the Python stacks: one fixed-window limiter (memory or redis-py store) with a
 * FastAPI/Starlette HTTP middleware, a Flask before_request hook and a Django middleware.
 */
import type { StackCode } from '../shared/part.js';
import type { Stack } from '../shared/stack.js';
import { authPaths, tiers, type RateLimitInputs } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function limiter(options: RateLimitInputs, redisEnv: string | null): string {
  const store = redisEnv
    ? `def create_store():
    """Redis from the plan (${redisEnv}): counts are shared by every replica."""
    import redis

    url = os.environ.get(${q(redisEnv)})
    if not url:
        raise RuntimeError(${q(`${redisEnv} is not set: the rate limiter needs Redis`)})
    return RedisStore(redis.Redis.from_url(url, socket_timeout=1))`
    : `def create_store():
    """No Redis in this service's plan: per-process counts, NOT shared across replicas or restarts."""
    return MemoryStore()`;
  return `"""Fixed-window rate limiting: per IP, per signed-in user, and strict on the auth routes."""
import math
import os
import threading
import time
from dataclasses import dataclass

TIERS = {
${tiers(options).map((t) => `    ${q(t.name)}: (${t.limit}, ${t.windowSeconds}),  # (limit, window seconds)`).join('\n')}
}
AUTH_PATHS = ${JSON.stringify(authPaths(options))}


@dataclass
class Decision:
    allowed: bool
    tier: str
    limit: int
    remaining: int
    retry_after: int

    def headers(self):
        out = {"RateLimit-Limit": str(self.limit), "RateLimit-Remaining": str(self.remaining)}
        if not self.allowed:
            out["Retry-After"] = str(self.retry_after)
        return out


class MemoryStore:
    """Per-process counts: NOT shared across replicas or restarts."""

    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.windows = {}
        self.lock = threading.Lock()

    def hit(self, key, window):
        now = self.clock()
        with self.lock:
            count, reset_at = self.windows.get(key, (0, 0.0))
            if reset_at <= now:
                count, reset_at = 0, now + window
            count += 1
            self.windows[key] = (count, reset_at)
        return count, reset_at - now


class RedisStore:
    """Shared by every replica: INCR, then EXPIRE on the first hit of a window."""

    def __init__(self, client, prefix="ratelimit:"):
        self.client = client
        self.prefix = prefix

    def hit(self, key, window):
        name = self.prefix + key
        count = self.client.incr(name)
        if count == 1:
            self.client.expire(name, window)
        ttl = self.client.ttl(name)
        if ttl < 0:
            self.client.expire(name, window)
            ttl = window
        return count, ttl


def is_auth_path(path):
    return any(path == p or path.startswith(p + "/") for p in AUTH_PATHS)


def decide(store, path, ip, user_id=None):
    """Checks every tier that applies; the first exhausted one decides."""
    keys = [("ip", "ip:" + ip)]
    if user_id:
        keys.append(("user", "user:" + str(user_id)))
    if is_auth_path(path):
        keys.append(("auth", "auth:" + ip))
    tightest = None
    for tier, key in keys:
        limit, window = TIERS[tier]
        count, reset_in = store.hit(tier + ":" + key, window)
        decision = Decision(count <= limit, tier, limit, max(0, limit - count), max(1, math.ceil(reset_in)))
        if not decision.allowed:
            return decision
        if tightest is None or decision.remaining < tightest.remaining:
            tightest = decision
    return tightest


${store}
`;
}

function adapter(stack: Stack): string {
  if (stack === 'flask') {
    return `"""Flask: init_rate_limit(app) once, after creating the app."""
from flask import Flask, g, jsonify, request

from .limiter import create_store, decide


def init_rate_limit(app: Flask, store=None):
    store = store or create_store()

    @app.before_request
    def limit():
        user = getattr(g, "user", None)
        decision = decide(store, request.path, request.remote_addr or "unknown", getattr(user, "id", None))
        g.rate_limit = decision
        if not decision.allowed:
            response = jsonify(error="Too Many Requests", retry_after=decision.retry_after)
            response.status_code = 429
            response.headers.update(decision.headers())
            return response
        return None

    @app.after_request
    def headers(response):
        decision = getattr(g, "rate_limit", None)
        if decision is not None:
            response.headers.update(decision.headers())
        return response
`;
  }
  if (stack === 'django') {
    return `"""Django: add "hardening.ratelimit.middleware.RateLimitMiddleware" to MIDDLEWARE after AuthenticationMiddleware."""
from django.http import JsonResponse

from .limiter import create_store, decide


class RateLimitMiddleware:
    store = None

    def __init__(self, get_response):
        self.get_response = get_response
        if RateLimitMiddleware.store is None:
            RateLimitMiddleware.store = create_store()

    def __call__(self, request):
        user = getattr(request, "user", None)
        user_id = user.pk if user is not None and user.is_authenticated else None
        decision = decide(self.store, request.path, request.META.get("REMOTE_ADDR", "unknown"), user_id)
        if not decision.allowed:
            response = JsonResponse({"error": "Too Many Requests", "retry_after": decision.retry_after}, status=429)
        else:
            response = self.get_response(request)
        for name, value in decision.headers().items():
            response[name] = value
        return response
`;
  }
  return `"""FastAPI/Starlette: app.middleware("http")(rate_limit), or RateLimit(store) for a custom store."""
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse

from .limiter import create_store, decide


class RateLimit:
    def __init__(self, store=None):
        self.store = store or create_store()

    async def __call__(self, request: Request, call_next):
        user = getattr(request.state, "user", None)
        ip = request.client.host if request.client else "unknown"
        decision = await run_in_threadpool(decide, self.store, request.url.path, ip, getattr(user, "id", None))
        if not decision.allowed:
            return JSONResponse({"error": "Too Many Requests", "retry_after": decision.retry_after}, status_code=429, headers=decision.headers())
        response = await call_next(request)
        response.headers.update(decision.headers())
        return response


def rate_limit(store=None):
    return RateLimit(store)
`;
}

function test(options: RateLimitInputs): string {
  const auth = authPaths(options)[0] ?? '/login';
  return `from .limiter import TIERS, MemoryStore, RedisStore, decide


class Clock:
    def __init__(self):
        self.now = 0.0

    def __call__(self):
        return self.now


def test_auth_tier_answers_429_with_retry_after():
    clock = Clock()
    store = MemoryStore(clock)
    limit, window = TIERS["auth"]
    for _ in range(limit):
        assert decide(store, ${q(auth)}, "1.2.3.4").allowed
    denied = decide(store, ${q(auth)}, "1.2.3.4")
    assert not denied.allowed and denied.tier == "auth"
    assert int(denied.headers()["Retry-After"]) > 0
    assert decide(store, ${q(auth)}, "5.6.7.8").allowed
    clock.now += window
    assert decide(store, ${q(auth)}, "1.2.3.4").allowed


def test_per_ip_tier():
    store = MemoryStore(Clock())
    limit, _ = TIERS["ip"]
    for _ in range(limit):
        decide(store, "/items", "9.9.9.9")
    assert decide(store, "/items", "9.9.9.9").tier == "ip"


def test_redis_store_counts_across_instances():
    class FakeRedis:
        def __init__(self):
            self.data = {}

        def incr(self, key):
            self.data[key] = self.data.get(key, 0) + 1
            return self.data[key]

        def expire(self, key, seconds):
            return True

        def ttl(self, key):
            return 30

    client = FakeRedis()
    RedisStore(client).hit("k", 60)
    assert RedisStore(client).hit("k", 60)[0] == 2
`;
}

export function pyRateLimit(stack: Stack, options: RateLimitInputs, redisEnv: string | null): StackCode {
  const wiring =
    stack === 'flask'
      ? ['`init_rate_limit(app)` from `hardening.ratelimit.middleware`, after the hook that sets `g.user`; behind a proxy wrap the app in `werkzeug.middleware.proxy_fix.ProxyFix` so `remote_addr` is the client.']
      : stack === 'django'
        ? ['Add `"hardening.ratelimit.middleware.RateLimitMiddleware"` to `MIDDLEWARE` after `AuthenticationMiddleware`. Behind a proxy make `REMOTE_ADDR` the client (e.g. a trusted X-Forwarded-For middleware).']
        : ['`app.middleware("http")(rate_limit())` from `hardening.ratelimit.middleware`; run uvicorn with `--proxy-headers --forwarded-allow-ips=<proxy>` so `request.client.host` is the client.'];
  return {
    files: [
      { name: 'limiter.py', code: limiter(options, redisEnv) },
      { name: 'middleware.py', code: adapter(stack) },
      { name: 'test_limiter.py', code: test(options) },
    ],
    dependencies: [...(redisEnv ? [{ name: 'redis', version: '>=5.0' }] : []), { name: 'pytest', version: '>=8.3', dev: true }],
    wiring,
  };
}
