/**
 * Security headers for the Python stacks: a small pure-ASGI middleware for FastAPI/Starlette (no
 * extra dependency), flask-talisman for Flask, and Django's own SecurityMiddleware settings plus
 * django-csp 4 for the nonce-based CSP. Each with pytest tests.
 */
import type { Dependency } from '../shared/doc.js';
import type { Stack } from '../shared/stack.js';
import { cspDirectives, cspHeaderName, cspString, frameOptions, hstsValue, HSTS_MAX_AGE, NONCE, PERMISSIONS_POLICY, REFERRER_POLICY, type HeadersInputs } from './policy.js';

export interface PyHeaders {
  files: { name: string; code: string }[];
  dependencies: Dependency[];
  wiring: string[];
}

const q = (s: string): string => JSON.stringify(s);
const py = (b: boolean): string => (b ? 'True' : 'False');

function constants(options: HeadersInputs): string {
  return [
    `# "report-only" sends ${cspHeaderName({ ...options, cspMode: 'report-only' })}: read the reports, then regenerate with headers.cspMode=enforce.`,
    `CSP_MODE = ${q(options.cspMode)}`,
    `CSP_HEADER = ${q(cspHeaderName(options))}`,
    `CSP_REPORT_PATH = ${q(options.reportPath)}`,
    `HSTS = ${q(hstsValue(options))}`,
    `PERMISSIONS_POLICY = ${q(PERMISSIONS_POLICY)}`,
  ].join('\n');
}

function fastapi(options: HeadersInputs): PyHeaders {
  const code = `"""Security headers as a pure ASGI middleware: app.add_middleware(SecurityHeadersMiddleware)."""
import base64
import secrets

${constants(options)}
POLICY = ${q(cspString(options, true))}

STATIC_HEADERS = [
    ("strict-transport-security", HSTS),
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", ${q(frameOptions(options))}),
    ("referrer-policy", ${q(REFERRER_POLICY)}),
    ("permissions-policy", PERMISSIONS_POLICY),
    ("cross-origin-opener-policy", "same-origin"),
    ("cross-origin-resource-policy", "same-origin"),
]


def new_nonce() -> str:
    return base64.b64encode(secrets.token_bytes(16)).decode("ascii")


def build_csp(nonce: str) -> str:
    return POLICY.replace(${q(NONCE)}, nonce)


class SecurityHeadersMiddleware:
    """Puts a fresh nonce in request.state.csp_nonce and the hardening headers on every response."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        nonce = new_nonce()
        scope.setdefault("state", {})["csp_nonce"] = nonce

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers.append((CSP_HEADER.lower().encode(), build_csp(nonce).encode()))
                for name, value in STATIC_HEADERS:
                    headers.append((name.encode(), value.encode()))
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)
`;
  const report = `"""CSP violation reports: app.include_router(router)."""
import logging

from fastapi import APIRouter, Request, Response

from .middleware import CSP_REPORT_PATH

router = APIRouter()
log = logging.getLogger("csp")


@router.post(CSP_REPORT_PATH, status_code=204)
async def csp_report(request: Request) -> Response:
    try:
        log.warning("csp violation %s", await request.json())
    except ValueError:
        log.warning("csp violation (unreadable report)")
    return Response(status_code=204)
`;
  const test = `from fastapi import FastAPI, Request
from fastapi.testclient import TestClient

from .middleware import CSP_HEADER, HSTS, PERMISSIONS_POLICY, SecurityHeadersMiddleware


def make_app():
    app = FastAPI()
    app.add_middleware(SecurityHeadersMiddleware)

    @app.get("/")
    def index(request: Request):
        return {"nonce": request.state.csp_nonce}

    return app


def test_nonce_based_csp_and_headers():
    res = TestClient(make_app()).get("/")
    csp = res.headers[CSP_HEADER]
    assert "'nonce-" + res.json()["nonce"] + "'" in csp
    assert "'strict-dynamic'" in csp
    assert "object-src 'none'" in csp
    assert res.headers["strict-transport-security"] == HSTS
    assert res.headers["x-content-type-options"] == "nosniff"
    assert res.headers["permissions-policy"] == PERMISSIONS_POLICY
    assert res.headers["cross-origin-opener-policy"] == "same-origin"


def test_new_nonce_per_response():
    client = TestClient(make_app())
    assert client.get("/").json()["nonce"] != client.get("/").json()["nonce"]
`;
  return {
    files: [{ name: 'middleware.py', code }, { name: 'report.py', code: report }, { name: 'test_headers.py', code: test }],
    dependencies: [{ name: 'httpx', version: '>=0.27', dev: true }, { name: 'pytest', version: '>=8.3', dev: true }],
    wiring: ['`app.add_middleware(SecurityHeadersMiddleware)` (from `hardening.headers.middleware`), and `app.include_router(router)` from `hardening.headers.report` for violation reports.', 'Templates render `request.state.csp_nonce` on every inline `<script nonce="...">`.'],
  };
}

function flask(options: HeadersInputs): PyHeaders {
  const csp = cspDirectives(options, false).filter(([name]) => name !== 'report-uri' && name !== 'upgrade-insecure-requests');
  const policy = csp.map(([name, sources]) => `    ${q(name)}: ${q(sources.join(' '))},`).join('\n');
  const code = `"""Security headers with flask-talisman: secure_app(app) once, after creating the app."""
import logging

from flask import Flask, request
from flask_talisman import Talisman

${constants(options)}

# talisman adds the per-request nonce to script-src and style-src (content_security_policy_nonce_in).
CSP = {
${policy}
}


def secure_app(app: Flask) -> Talisman:
    talisman = Talisman(
        app,
        force_https=False,  # TLS ends at the proxy; HSTS still tells browsers to use https
        strict_transport_security=True,
        strict_transport_security_max_age=${HSTS_MAX_AGE},
        strict_transport_security_include_subdomains=True,
        strict_transport_security_preload=${py(options.hstsPreload)},
        content_security_policy=CSP,
        content_security_policy_nonce_in=["script-src", "style-src"],
        content_security_policy_report_only=${py(options.cspMode === 'report-only')},
        content_security_policy_report_uri=CSP_REPORT_PATH,
        frame_options=${q(frameOptions(options))},
        referrer_policy=${q(REFERRER_POLICY)},
        permissions_policy=PERMISSIONS_POLICY,
    )

    @app.after_request
    def cross_origin_isolation(response):
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response

    @app.post(CSP_REPORT_PATH)
    def csp_report():
        logging.getLogger("csp").warning("csp violation %s", request.get_data(as_text=True)[:2000])
        return "", 204

    return talisman
`;
  const test = `from flask import Flask

from .talisman import CSP_HEADER, HSTS, secure_app


def make_app():
    app = Flask(__name__)
    secure_app(app)

    @app.get("/")
    def index():
        return "ok"

    return app


def test_headers():
    res = make_app().test_client().get("/", headers={"X-Forwarded-Proto": "https"}, base_url="https://localhost")
    csp = res.headers[CSP_HEADER]
    assert "'nonce-" in csp
    assert "object-src 'none'" in csp
    assert res.headers["Strict-Transport-Security"] == HSTS
    assert res.headers["X-Content-Type-Options"] == "nosniff"
    assert res.headers["Cross-Origin-Opener-Policy"] == "same-origin"
`;
  return {
    files: [{ name: 'talisman.py', code }, { name: 'test_headers.py', code: test }],
    dependencies: [{ name: 'flask-talisman', version: '>=1.1.0' }, { name: 'pytest', version: '>=8.3', dev: true }],
    wiring: ['`secure_app(app)` from `hardening.headers.talisman`, right after `app = Flask(__name__)`.', 'Templates use `{{ csp_nonce() }}` on every inline `<script nonce="...">` (talisman provides it).'],
  };
}

function django(options: HeadersInputs): PyHeaders {
  const directives = cspDirectives(options, true).map(([name, sources]) => {
    const items = sources.map((s) => (s.includes(NONCE) ? 'NONCE' : q(s)));
    return `        ${q(name)}: [${items.join(', ')}],`;
  });
  const setting = options.cspMode === 'enforce' ? 'CONTENT_SECURITY_POLICY' : 'CONTENT_SECURITY_POLICY_REPORT_ONLY';
  const code = `"""Security settings: in settings.py, \`from hardening.headers.settings import *  # noqa\`."""
from csp.constants import NONCE

${constants(options)}

SECURE_HSTS_SECONDS = ${HSTS_MAX_AGE}
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = ${py(options.hstsPreload)}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = ${q(REFERRER_POLICY)}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = ${q(frameOptions(options))}
# TLS ends at the proxy: trust its X-Forwarded-Proto so request.is_secure() (and HSTS) work.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True

# django-csp 4: templates render {{ request.csp_nonce }} on every inline <script nonce="...">.
${setting} = {
    "DIRECTIVES": {
${directives.join('\n')}
    },
}

# Add after django.middleware.security.SecurityMiddleware in MIDDLEWARE.
HARDENING_MIDDLEWARE = [
    "csp.middleware.CSPMiddleware",
    "hardening.headers.middleware.ExtraHeadersMiddleware",
]
`;
  const middleware = `"""Headers SecurityMiddleware does not set: Permissions-Policy and Cross-Origin-Resource-Policy."""
from .settings import PERMISSIONS_POLICY


class ExtraHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response
`;
  const test = `from . import settings
from .middleware import ExtraHeadersMiddleware


def test_hsts_two_years_with_subdomains():
    assert settings.SECURE_HSTS_SECONDS >= 63072000
    assert settings.SECURE_HSTS_INCLUDE_SUBDOMAINS is True


def test_csp_is_nonce_based():
    directives = settings.${setting}["DIRECTIVES"]
    assert settings.NONCE in directives["script-src"]
    assert directives["object-src"] == ["'none'"]
    assert directives["report-uri"] == [settings.CSP_REPORT_PATH]


def test_extra_headers():
    class Response:
        def __init__(self):
            self.headers = {}

    response = ExtraHeadersMiddleware(lambda request: Response())(object())
    assert response.headers["Permissions-Policy"] == settings.PERMISSIONS_POLICY
    assert response.headers["Cross-Origin-Resource-Policy"] == "same-origin"
`;
  return {
    files: [{ name: 'settings.py', code }, { name: 'middleware.py', code: middleware }, { name: 'test_headers.py', code: test }],
    dependencies: [{ name: 'django-csp', version: '>=4.0' }, { name: 'pytest', version: '>=8.3', dev: true }],
    wiring: ['In `settings.py`: `from hardening.headers.settings import *  # noqa: F401,F403`, then insert `HARDENING_MIDDLEWARE` right after `django.middleware.security.SecurityMiddleware` in `MIDDLEWARE`.', `Point a view at \`${options.reportPath}\` that logs the POSTed report (or use a reporting service).`],
  };
}

export function pyHeaders(stack: Stack, options: HeadersInputs): PyHeaders {
  if (stack === 'flask') return flask(options);
  if (stack === 'django') return django(options);
  return fastapi(options);
}
