/**
 * Authentication modules for FastAPI, Flask and Django (framework-agnostic): PyJWT access tokens with
 * kid and issuer/audience checks, rotating refresh tokens with reuse detection, argon2-cffi hashing
 * with a bcrypt fallback, pyotp TOTP, OIDC + PKCE, lockout and cookie settings, with pytest tests.
 */
import type { StackCode } from '../shared/part.js';
import type { Stack } from '../shared/stack.js';
import { PKCE_VECTOR, type AuthSettings } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function tokens(s: AuthSettings): string {
  return `"""Short-lived JWT access tokens (EdDSA, kid) and one-time refresh tokens with reuse detection."""
import hashlib
import os
import secrets
import time
import uuid
from dataclasses import dataclass

import jwt

ISSUER = os.environ.get("AUTH_ISSUER", ${q(s.issuer)})
AUDIENCE = os.environ.get("AUTH_AUDIENCE", ${q(s.audience)})
ACCESS_TTL_SECONDS = ${s.accessTtl}
REFRESH_TTL_SECONDS = ${s.refreshTtl}
ALGORITHM = "EdDSA"


def sign_access_token(kid, private_key, subject, claims=None):
    now = int(time.time())
    payload = {**(claims or {}), "iss": ISSUER, "aud": AUDIENCE, "sub": subject, "iat": now, "exp": now + ACCESS_TTL_SECONDS, "jti": str(uuid.uuid4())}
    return jwt.encode(payload, private_key, algorithm=ALGORITHM, headers={"kid": kid, "typ": "at+jwt"})


def verify_access_token(token, public_keys):
    """public_keys: {kid: key} for every key still in use (or use jwt.PyJWKClient(JWKS_URL))."""
    kid = jwt.get_unverified_header(token).get("kid")
    if kid not in public_keys:
        raise jwt.InvalidTokenError("unknown signing key")
    return jwt.decode(token, public_keys[kid], algorithms=[ALGORITHM], audience=AUDIENCE, issuer=ISSUER, options={"require": ["exp", "iat", "sub", "iss", "aud"]})


@dataclass
class RefreshRecord:
    hash: str
    user_id: str
    family: str
    expires_at: float
    used: bool = False


class MemoryRefreshStore:
    """For tests: implement the same four methods on your database (store hashes only)."""

    def __init__(self):
        self.records = {}

    def get(self, token_hash):
        return self.records.get(token_hash)

    def put(self, record):
        self.records[record.hash] = record

    def mark_used(self, token_hash):
        self.records[token_hash].used = True

    def revoke_family(self, family):
        self.records = {h: r for h, r in self.records.items() if r.family != family}


class RefreshReuseError(Exception):
    pass


def _hash(token):
    return hashlib.sha256(token.encode()).hexdigest()


def issue_refresh_token(store, user_id, family=None, now=None):
    token = secrets.token_urlsafe(32)
    now = time.time() if now is None else now
    store.put(RefreshRecord(_hash(token), user_id, family or str(uuid.uuid4()), now + REFRESH_TTL_SECONDS))
    return token


def rotate_refresh_token(store, token, now=None):
    """One-time use; presenting a used token again revokes the whole family (it was stolen)."""
    now = time.time() if now is None else now
    record = store.get(_hash(token))
    if record is None or record.expires_at <= now:
        raise RefreshReuseError("invalid refresh token")
    if record.used:
        store.revoke_family(record.family)
        raise RefreshReuseError("refresh token reuse detected: session revoked")
    store.mark_used(record.hash)
    return record.user_id, issue_refresh_token(store, record.user_id, record.family, now)
`;
}

const PASSWORDS = `"""argon2id password hashing (OWASP minimum: 19 MiB, 2 iterations), with a bcrypt fallback for old hashes."""
import bcrypt
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

HASHER = PasswordHasher(time_cost=2, memory_cost=19456, parallelism=1)


def hash_password(password):
    return HASHER.hash(password)


def verify_password(stored, password):
    """Returns (ok, needs_rehash): on needs_rehash store hash_password(password) now."""
    if stored.startswith("$2"):
        ok = bcrypt.checkpw(password.encode(), stored.encode())
        return ok, ok
    try:
        HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False, False
    return True, HASHER.check_needs_rehash(stored)
`;

function mfa(issuer: string): string {
  return `"""TOTP second factor (RFC 6238) with pyotp."""
import re

import pyotp

ISSUER = ${q(issuer)}


def enroll_totp(account):
    """A new secret and its otpauth:// URI for the QR code; store the secret encrypted."""
    secret = pyotp.random_base32()
    return secret, pyotp.TOTP(secret).provisioning_uri(name=account, issuer_name=ISSUER)


def verify_totp(secret, code):
    return bool(re.fullmatch(r"\\d{6}", code or "")) and pyotp.TOTP(secret).verify(code, valid_window=1)
`;
}

const OIDC = `"""OIDC login: authorization code flow with PKCE (S256), state and nonce."""
import base64
import hashlib
import secrets
from urllib.parse import urlencode


def _b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def code_challenge(verifier):
    return _b64url(hashlib.sha256(verifier.encode("ascii")).digest())


def authorization_request(authorization_endpoint, client_id, redirect_uri, scope="openid profile email"):
    """Keep state, nonce and verifier in the (HttpOnly) session; redirect the browser to url."""
    state, nonce, verifier = _b64url(secrets.token_bytes(16)), _b64url(secrets.token_bytes(16)), _b64url(secrets.token_bytes(32))
    query = urlencode({
        "response_type": "code",
        "client_id": client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": state,
        "nonce": nonce,
        "code_challenge": code_challenge(verifier),
        "code_challenge_method": "S256",
    })
    return {"url": authorization_endpoint + "?" + query, "state": state, "nonce": nonce, "verifier": verifier}


def token_request(code, state, expected_state, verifier, client_id, redirect_uri):
    """The form to POST to the token endpoint (with httpx/requests); check the id_token nonce after."""
    if not code or not secrets.compare_digest(state or "", expected_state):
        raise ValueError("invalid OIDC callback (state mismatch)")
    return {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "client_id": client_id, "code_verifier": verifier}
`;

function lockout(s: AuthSettings): string {
  return `"""Brute-force lockout per account and IP: MAX_ATTEMPTS failures lock the pair for LOCK_SECONDS."""
import time

MAX_ATTEMPTS = ${s.lockoutAttempts}
LOCK_SECONDS = ${s.lockoutSeconds}


class Lockout:
    def __init__(self, clock=time.monotonic):
        self.clock = clock
        self.failures = {}

    def locked_for(self, account, ip):
        count, locked_until = self.failures.get((account, ip), (0, 0.0))
        return max(0, int(locked_until - self.clock() + 0.999))

    def fail(self, account, ip):
        count, locked_until = self.failures.get((account, ip), (0, 0.0))
        count += 1
        if count >= MAX_ATTEMPTS:
            count, locked_until = 0, self.clock() + LOCK_SECONDS
        self.failures[(account, ip)] = (count, locked_until)

    def succeed(self, account, ip):
        self.failures.pop((account, ip), None)
`;
}

function cookies(stack: Stack, s: AuthSettings): string {
  const django = stack === 'django' ? `
# Django settings (import them in settings.py)
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.BCryptSHA256PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
` : '';
  return `"""Cookie settings for the refresh token: not readable by scripts, HTTPS only, not sent cross-site."""
REFRESH_COOKIE = "__Host-refresh"
REFRESH_COOKIE_OPTIONS = {"httponly": True, "secure": True, "samesite": "strict", "path": "/", "max_age": ${s.refreshTtl}}
${django}`;
}

const TEST = `import pyotp
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .lockout import MAX_ATTEMPTS, Lockout
from .mfa import enroll_totp, verify_totp
from .oidc import authorization_request, code_challenge
from .passwords import hash_password, verify_password
from .tokens import MemoryRefreshStore, RefreshReuseError, issue_refresh_token, rotate_refresh_token, sign_access_token, verify_access_token


def test_access_token_checks_kid_issuer_audience():
    key = Ed25519PrivateKey.generate()
    token = sign_access_token("k1", key, "user-1")
    assert verify_access_token(token, {"k1": key.public_key()})["sub"] == "user-1"
    with pytest.raises(Exception):
        verify_access_token(token, {"k2": key.public_key()})
    with pytest.raises(Exception):
        verify_access_token(token, {"k1": Ed25519PrivateKey.generate().public_key()})


def test_refresh_rotation_and_reuse_detection():
    store = MemoryRefreshStore()
    first = issue_refresh_token(store, "user-1")
    user, second = rotate_refresh_token(store, first)
    assert user == "user-1"
    with pytest.raises(RefreshReuseError):
        rotate_refresh_token(store, first)
    with pytest.raises(RefreshReuseError):
        rotate_refresh_token(store, second)


def test_argon2id_passwords():
    stored = hash_password("correct horse battery staple")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "correct horse battery staple")[0]
    assert not verify_password(stored, "wrong")[0]


def test_totp():
    secret, uri = enroll_totp("ada@example.com")
    assert uri.startswith("otpauth://totp/")
    assert verify_totp(secret, pyotp.TOTP(secret).now())
    assert not verify_totp(secret, "abcdef")


def test_pkce_s256_vector():
    assert code_challenge(${q(PKCE_VECTOR.verifier)}) == ${q(PKCE_VECTOR.challenge)}
    assert "code_challenge_method=S256" in authorization_request("https://idp/authorize", "app", "https://app/cb")["url"]


def test_lockout():
    now = [0.0]
    lockout = Lockout(lambda: now[0])
    for _ in range(MAX_ATTEMPTS):
        lockout.fail("ada", "1.2.3.4")
    assert lockout.locked_for("ada", "1.2.3.4") > 0
    assert lockout.locked_for("ada", "5.6.7.8") == 0
    now[0] += 86400
    assert lockout.locked_for("ada", "1.2.3.4") == 0
`;

export function pyAuth(stack: Stack, s: AuthSettings): StackCode {
  const where = stack === 'fastapi' ? 'a FastAPI dependency (`Depends`) that reads the bearer token' : stack === 'flask' ? 'a Flask `before_request` hook / decorator' : 'a Django authentication backend and middleware (Django hashes passwords itself: the cookie module sets `PASSWORD_HASHERS` to argon2 first)';
  return {
    files: [
      { name: 'tokens.py', code: tokens(s) },
      { name: 'passwords.py', code: PASSWORDS },
      { name: 'mfa.py', code: mfa(s.issuer) },
      { name: 'oidc.py', code: OIDC },
      { name: 'lockout.py', code: lockout(s) },
      { name: 'cookies.py', code: cookies(stack, s) },
      { name: 'test_auth.py', code: TEST },
    ],
    dependencies: [
      { name: 'PyJWT[crypto]', version: '>=2.9' },
      { name: 'argon2-cffi', version: '>=23.1' },
      { name: 'bcrypt', version: '>=4.2' },
      { name: 'pyotp', version: '>=2.9' },
      { name: 'pytest', version: '>=8.3', dev: true },
    ],
    wiring: [
      `Use the modules from ${where}: \`verify_access_token(token, keys)\` on protected routes, with \`jwt.PyJWKClient(JWKS_URL)\` when another service issues the tokens.`,
      'Login: `lockout.locked_for()` → `verify_password()` → TOTP if enrolled → `sign_access_token()` + `issue_refresh_token()` in the `__Host-refresh` cookie (`REFRESH_COOKIE_OPTIONS`). Refresh: `rotate_refresh_token()`.',
      'Replace `MemoryRefreshStore` with a database table (hashes only). Key rotation: publish the new key, sign with it, drop the old one after ACCESS_TTL_SECONDS.',
    ],
  };
}
