/**
 * Sentry SDK init modules. The DSN, release and environment come from the environment (SENTRY_DSN,
 * SENTRY_RELEASE or the git sha, SENTRY_ENVIRONMENT); sample rates per environment are inputs;
 * sendDefaultPii is off and beforeSend scrubs auth headers, cookies and the plan's secret env vars.
 */
import type { AppStack } from '../otel/app-stack.js';

export interface SampleRates {
  production: { traces: number; profiles: number };
  other: { traces: number; profiles: number };
  replaysOnError: number;
  replaysSession: number;
}

const jsScrub = (keys: readonly string[]): string => `const SCRUB = new Set([${keys.map((k) => `'${k}'`).join(', ')}]);

function scrub(value: unknown, depth = 0): unknown {
  if (depth > 6 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SCRUB.has(k.toLowerCase()) ? '[Filtered]' : scrub(v, depth + 1)]));
}`;

const JS_OPTIONS = `const environment = process.env.SENTRY_ENVIRONMENT ?? process.env.NODE_ENV ?? 'production';
const production = environment === 'production';
const release = process.env.SENTRY_RELEASE ?? process.env.GIT_SHA ?? process.env.SOURCE_VERSION;`;

export function nodeSentry(stack: AppStack, header: string, keys: readonly string[], rates: SampleRates): string {
  const pkg = stack.service.runtime.name === 'bun' ? '@sentry/bun' : '@sentry/node';
  return `${header}
// Load before the app (with the OTel module: Sentry v8+ shares OpenTelemetry): node --import / --require this file.
import * as Sentry from '${pkg}';

${jsScrub(keys)}

${JS_OPTIONS}

Sentry.init({
  // No DSN in the environment: the SDK stays disabled (local runs, tests).
  dsn: process.env.SENTRY_DSN,
  release,
  environment,
  tracesSampleRate: production ? ${rates.production.traces} : ${rates.other.traces},
  sendDefaultPii: false,
  // Tracing is the OTel SDK's (src/observability/otel): Sentry must not install a second one.
  skipOpenTelemetrySetup: true,
  beforeSend(event) {
    if (event.request) {
      event.request.headers = scrub(event.request.headers) as Record<string, string> | undefined;
      event.request.cookies = undefined;
      event.request.data = scrub(event.request.data);
    }
    event.extra = scrub(event.extra) as Record<string, unknown> | undefined;
    return event;
  },
});

export { Sentry };
`;
}

/** Next.js: sentry.server.config.ts, sentry.edge.config.ts, instrumentation-client.ts (browser, with session replay). */
export function nextjsSentry(header: string, keys: readonly string[], rates: SampleRates): Record<'server' | 'edge' | 'client', string> {
  const server = (runtime: string): string => `${header}
// ${runtime} runtime; loaded by instrumentation.ts: if (process.env.NEXT_RUNTIME === '${runtime === 'Node.js' ? 'nodejs' : 'edge'}') await import('./sentry.${runtime === 'Node.js' ? 'server' : 'edge'}.config');
import * as Sentry from '@sentry/nextjs';

${jsScrub(keys)}

${JS_OPTIONS}

Sentry.init({
  dsn: process.env.SENTRY_DSN,
  release,
  environment,
  tracesSampleRate: production ? ${rates.production.traces} : ${rates.other.traces},
  sendDefaultPii: false,
  beforeSend(event) {
    if (event.request) {
      event.request.headers = scrub(event.request.headers) as Record<string, string> | undefined;
      event.request.cookies = undefined;
    }
    return event;
  },
});
`;
  const client = `${header}
// Browser side. NEXT_PUBLIC_* values are inlined at build time: a DSN is public by design, never a secret.
import * as Sentry from '@sentry/nextjs';

const environment = process.env.NEXT_PUBLIC_SENTRY_ENVIRONMENT ?? 'production';
const production = environment === 'production';

Sentry.init({
  dsn: process.env.NEXT_PUBLIC_SENTRY_DSN,
  release: process.env.NEXT_PUBLIC_SENTRY_RELEASE,
  environment,
  tracesSampleRate: production ? ${rates.production.traces} : ${rates.other.traces},
  sendDefaultPii: false,
  // Session replay: every session with an error, a sample of the rest; text and media masked.
  replaysOnErrorSampleRate: ${rates.replaysOnError},
  replaysSessionSampleRate: production ? ${rates.replaysSession} : 0,
  integrations: [Sentry.replayIntegration({ maskAllText: true, blockAllMedia: true })],
});

export const onRouterTransitionStart = Sentry.captureRouterTransitionStart;
`;
  return { server: server('Node.js'), edge: server('Edge'), client };
}

export function pythonSentry(stack: AppStack, header: string, keys: readonly string[], rates: SampleRates): string {
  const integration: Record<string, [string, string]> = {
    django: ['from sentry_sdk.integrations.django import DjangoIntegration', 'DjangoIntegration()'],
    flask: ['from sentry_sdk.integrations.flask import FlaskIntegration', 'FlaskIntegration()'],
    fastapi: ['from sentry_sdk.integrations.fastapi import FastApiIntegration', 'FastApiIntegration()'],
    starlette: ['from sentry_sdk.integrations.starlette import StarletteIntegration', 'StarletteIntegration()'],
  };
  const [imp, call] = integration[stack.framework] ?? [null, null];
  return `${header}
"""Sentry: call init_sentry() once at startup (settings.py / create_app / main), before the app serves."""
import os

import sentry_sdk
${imp ?? ''}

SCRUB = frozenset({${keys.map((k) => `"${k}"`).join(', ')}})


def _scrub(value, depth=0):
    if depth > 6:
        return value
    if isinstance(value, dict):
        return {k: "[Filtered]" if str(k).lower() in SCRUB else _scrub(v, depth + 1) for k, v in value.items()}
    if isinstance(value, list):
        return [_scrub(v, depth + 1) for v in value]
    return value


def before_send(event, _hint):
    request = event.get("request")
    if request:
        request.pop("cookies", None)
        request["headers"] = _scrub(request.get("headers", {}))
        request["data"] = _scrub(request.get("data"))
    event["extra"] = _scrub(event.get("extra", {}))
    return event


def init_sentry() -> None:
    environment = os.environ.get("SENTRY_ENVIRONMENT", "production")
    production = environment == "production"
    sentry_sdk.init(
        # Unset SENTRY_DSN leaves the SDK disabled (local runs, tests).
        dsn=os.environ.get("SENTRY_DSN"),
        release=os.environ.get("SENTRY_RELEASE") or os.environ.get("GIT_SHA"),
        environment=environment,
        traces_sample_rate=${rates.production.traces} if production else ${rates.other.traces},
        profiles_sample_rate=${rates.production.profiles} if production else ${rates.other.profiles},
        send_default_pii=False,
        before_send=before_send,
        integrations=[${call ?? ''}],
    )
`;
}

export function goSentry(_stack: AppStack, header: string, keys: readonly string[], rates: SampleRates): string {
  return `${header}

package observability

import (
	"os"
	"strings"
	"time"

	"github.com/getsentry/sentry-go"
)

var sentryScrub = map[string]bool{
${keys.map((k) => `	"${k}": true,`).join('\n')}
}

// InitSentry reads SENTRY_DSN (unset: disabled), SENTRY_RELEASE (or GIT_SHA) and SENTRY_ENVIRONMENT.
// Call it first in main and defer the returned flush.
func InitSentry() (func(), error) {
	environment := os.Getenv("SENTRY_ENVIRONMENT")
	if environment == "" {
		environment = "production"
	}
	rate := ${rates.other.traces}
	if environment == "production" {
		rate = ${rates.production.traces}
	}
	release := os.Getenv("SENTRY_RELEASE")
	if release == "" {
		release = os.Getenv("GIT_SHA")
	}
	err := sentry.Init(sentry.ClientOptions{
		Dsn:              os.Getenv("SENTRY_DSN"),
		Release:          release,
		Environment:      environment,
		EnableTracing:    true,
		TracesSampleRate: rate,
		SendDefaultPII:   false,
		BeforeSend: func(event *sentry.Event, _ *sentry.EventHint) *sentry.Event {
			if event.Request != nil {
				event.Request.Cookies = ""
				for name := range event.Request.Headers {
					if sentryScrub[strings.ToLower(name)] {
						event.Request.Headers[name] = "[Filtered]"
					}
				}
			}
			for name := range event.Extra {
				if sentryScrub[strings.ToLower(name)] {
					event.Extra[name] = "[Filtered]"
				}
			}
			return event
		},
	})
	return func() { sentry.Flush(2 * time.Second) }, err
}
`;
}
