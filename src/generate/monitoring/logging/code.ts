/**
 * Structured JSON logging modules: pino (Node), structlog (Python), log/slog (Go). Each adds the
 * request id (X-Request-Id or a new one), the active OTel trace_id / span_id (the keys the Alloy config
 * lifts into Loki), redacts credentials, PII and the plan's secret env var names, and reads LOG_LEVEL.
 */
import type { AppStack } from '../otel/app-stack.js';

export function nodeLogging(stack: AppStack, header: string, redactKeys: readonly string[]): string {
  // fast-redact paths: dotted for plain keys, bracketed header names (hyphens are not identifiers).
  const paths = redactKeys.flatMap((k) => (/^[a-z_][a-z0-9_]*$/.test(k) ? [`'${k}'`, `'*.${k}'`] : []));
  for (const header of redactKeys.filter((k) => ['authorization', 'cookie', 'set-cookie', 'x-api-key'].includes(k))) paths.push(`'req.headers["${header}"]'`, `'res.headers["${header}"]'`);
  const express = stack.framework === 'express' || stack.framework === 'nestjs';
  return `${header}
import { randomUUID } from 'node:crypto';
import { trace } from '@opentelemetry/api';
import pino from 'pino';

export const logger = pino({
  level: process.env.LOG_LEVEL ?? 'info',
  base: { service: process.env.OTEL_SERVICE_NAME ?? '${stack.service.name}' },
  timestamp: pino.stdTimeFunctions.isoTime,
  formatters: { level: (label) => ({ level: label }) },
  // Credentials, session material and the secret env vars the plan found never reach the logs.
  redact: { paths: [${paths.join(', ')}], censor: '[REDACTED]' },
  // Joins each line to its trace in Grafana (Alloy keeps trace_id as structured metadata).
  mixin() {
    const span = trace.getActiveSpan()?.spanContext();
    return span ? { trace_id: span.traceId, span_id: span.spanId } : {};
  },
});

/** The caller's X-Request-Id when it looks sane, a new one otherwise. */
export function requestId(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  return value !== undefined && /^[\\w.:-]{1,128}$/.test(value) ? value : randomUUID();
}
${express ? `
import type { NextFunction, Request, Response } from 'express';

declare module 'express-serve-static-core' {
  interface Request {
    log: pino.Logger;
    id: string;
  }
}

/** app.use(requestLogging) first: req.log carries the request id; one line per finished request. */
export function requestLogging(req: Request, res: Response, next: NextFunction): void {
  req.id = requestId(req.headers['x-request-id']);
  req.log = logger.child({ request_id: req.id });
  res.setHeader('X-Request-Id', req.id);
  const started = performance.now();
  res.on('finish', () => {
    req.log.info({ method: req.method, path: req.path, status: res.statusCode, duration_ms: Math.round(performance.now() - started) }, 'request finished');
  });
  next();
}
` : ''}`;
}

export function pythonLogging(stack: AppStack, header: string, redactKeys: readonly string[]): string {
  const middleware = stack.framework === 'django' ? `

class RequestIdMiddleware:
    """Django: add "observability.structured_logging.RequestIdMiddleware" near the top of MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        rid = request_id(request.headers.get("X-Request-Id"))
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=rid)
        response = self.get_response(request)
        response["X-Request-Id"] = rid
        return response
` : stack.framework === 'flask' ? `

def init_request_ids(app) -> None:
    """Flask: call in create_app(); binds request_id for every log line of a request."""
    from flask import g, request

    @app.before_request
    def _bind():
        g.request_id = request_id(request.headers.get("X-Request-Id"))
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=g.request_id)

    @app.after_request
    def _header(response):
        response.headers["X-Request-Id"] = g.get("request_id", "")
        return response
` : `

class RequestIdMiddleware:
    """ASGI: app.add_middleware(RequestIdMiddleware); binds request_id for every log line of a request."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        rid = request_id(headers.get(b"x-request-id", b"").decode("latin-1") or None)
        structlog.contextvars.clear_contextvars()
        structlog.contextvars.bind_contextvars(request_id=rid)

        async def send_wrapper(message):
            if message["type"] == "http.response.start":
                message.setdefault("headers", []).append((b"x-request-id", rid.encode()))
            await send(message)

        await self.app(scope, receive, send_wrapper)
`;
  return `${header}
"""structlog JSON logging: call setup_logging() once at startup, then log = structlog.get_logger()."""
import logging
import os
import re
import sys
import uuid

import structlog
from opentelemetry import trace

# Credentials, session material and the secret env vars the plan found never reach the logs.
REDACT_KEYS = frozenset({${redactKeys.map((k) => `"${k}"`).join(', ')}})
_SAFE_ID = re.compile(r"^[\\w.:-]{1,128}$")


def request_id(header):
    """The caller's X-Request-Id when it looks sane, a new one otherwise."""
    return header if header and _SAFE_ID.match(header) else str(uuid.uuid4())


def _redact(value):
    if isinstance(value, dict):
        return {k: "[REDACTED]" if str(k).lower() in REDACT_KEYS else _redact(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_redact(v) for v in value]
    return value


def redact(_logger, _method, event_dict):
    return _redact(event_dict)


def add_trace_ids(_logger, _method, event_dict):
    """trace_id / span_id of the active span: Grafana links the line to its trace."""
    ctx = trace.get_current_span().get_span_context()
    if ctx.is_valid:
        event_dict["trace_id"] = format(ctx.trace_id, "032x")
        event_dict["span_id"] = format(ctx.span_id, "016x")
    return event_dict


def setup_logging() -> None:
    level = getattr(logging, os.environ.get("LOG_LEVEL", "INFO").upper(), logging.INFO)
    processors = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        add_trace_ids,
        redact,
        structlog.processors.format_exc_info,
        structlog.processors.JSONRenderer(),
    ]
    structlog.configure(
        processors=processors,
        wrapper_class=structlog.make_filtering_bound_logger(level),
        logger_factory=structlog.PrintLoggerFactory(sys.stdout),
        cache_logger_on_first_use=True,
    )
    # Libraries using the standard logging module write JSON lines too.
    handler = logging.StreamHandler(sys.stdout)
    handler.setFormatter(structlog.stdlib.ProcessorFormatter(processors=[structlog.stdlib.ProcessorFormatter.remove_processors_meta, *processors[3:]], foreign_pre_chain=processors[:3]))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
${middleware}`;
}

export function goLogging(stack: AppStack, header: string, redactKeys: readonly string[]): string {
  return `${header}

package observability

// log/slog JSON logging: logger := observability.NewLogger(); slog.SetDefault(logger). Log with the
// request's context (logger.InfoContext(r.Context(), …)) so trace_id, span_id and request_id are added.

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"os"
	"regexp"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

type requestIDKey struct{}

// Credentials, session material and the secret env vars the plan found never reach the logs.
var redactKeys = map[string]bool{
${redactKeys.map((k) => `	"${k}": true,`).join('\n')}
}

var safeID = regexp.MustCompile(\`^[\\w.:-]{1,128}$\`)

type contextHandler struct{ slog.Handler }

func (h contextHandler) Handle(ctx context.Context, r slog.Record) error {
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		r.AddAttrs(slog.String("trace_id", sc.TraceID().String()), slog.String("span_id", sc.SpanID().String()))
	}
	if id, ok := ctx.Value(requestIDKey{}).(string); ok {
		r.AddAttrs(slog.String("request_id", id))
	}
	return h.Handler.Handle(ctx, r)
}

func (h contextHandler) WithAttrs(attrs []slog.Attr) slog.Handler {
	return contextHandler{h.Handler.WithAttrs(attrs)}
}

func (h contextHandler) WithGroup(name string) slog.Handler {
	return contextHandler{h.Handler.WithGroup(name)}
}

// NewLogger writes JSON to stdout at LOG_LEVEL (debug, info, warn, error).
func NewLogger() *slog.Logger {
	var level slog.Level
	if err := level.UnmarshalText([]byte(os.Getenv("LOG_LEVEL"))); err != nil {
		level = slog.LevelInfo
	}
	handler := slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{
		Level: level,
		ReplaceAttr: func(_ []string, a slog.Attr) slog.Attr {
			if redactKeys[strings.ToLower(a.Key)] {
				return slog.String(a.Key, "[REDACTED]")
			}
			return a
		},
	})
	return slog.New(contextHandler{handler}).With("service", envOr("OTEL_SERVICE_NAME", "${stack.service.name}"))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// RequestID puts the caller's X-Request-Id (or a new one) in the request context and the response.
func RequestID(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		id := r.Header.Get("X-Request-Id")
		if !safeID.MatchString(id) {
			b := make([]byte, 16)
			_, _ = rand.Read(b)
			id = hex.EncodeToString(b)
		}
		w.Header().Set("X-Request-Id", id)
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), requestIDKey{}, id)))
	})
}
`;
}
