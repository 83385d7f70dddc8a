/**
 * Authentication for Go: golang-jwt v5 access tokens (EdDSA, kid, issuer/audience/expiry required),
 * rotating refresh tokens with reuse detection, x/crypto argon2id with a bcrypt fallback, RFC 6238
 * TOTP on the standard library, OIDC + PKCE, lockout and cookie settings, with go test tests.
 */
import type { StackCode } from '../shared/part.js';
import { PKCE_VECTOR, type AuthSettings } from './policy.js';

const q = (s: string): string => JSON.stringify(s);

function tokens(s: AuthSettings): string {
  return `// Package auth: short-lived access tokens, rotating refresh tokens, passwords, TOTP, OIDC, lockout.
package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"sync"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// Settings from devsquad's inputs; Issuer and Audience may be overridden from AUTH_ISSUER / AUTH_AUDIENCE.
var (
	Issuer     = ${q(s.issuer)}
	Audience   = ${q(s.audience)}
	AccessTTL  = ${s.accessTtl} * time.Second
	RefreshTTL = ${s.refreshTtl} * time.Second
)

// SignAccessToken signs with the current key; its kid selects the public key on verify.
func SignAccessToken(kid string, key ed25519.PrivateKey, subject string) (string, error) {
	now := time.Now()
	claims := jwt.RegisteredClaims{
		Issuer:    Issuer,
		Audience:  jwt.ClaimStrings{Audience},
		Subject:   subject,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(AccessTTL)),
		ID:        randomToken(16),
	}
	token := jwt.NewWithClaims(jwt.SigningMethodEdDSA, claims)
	token.Header["kid"] = kid
	return token.SignedString(key)
}

// VerifyAccessToken checks signature (by kid), algorithm, issuer, audience and expiry.
func VerifyAccessToken(raw string, keys map[string]ed25519.PublicKey) (*jwt.RegisteredClaims, error) {
	claims := &jwt.RegisteredClaims{}
	_, err := jwt.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) {
		kid, _ := t.Header["kid"].(string)
		key, ok := keys[kid]
		if !ok {
			return nil, errors.New("unknown signing key")
		}
		return key, nil
	}, jwt.WithValidMethods([]string{"EdDSA"}), jwt.WithIssuer(Issuer), jwt.WithAudience(Audience), jwt.WithExpirationRequired(), jwt.WithIssuedAt())
	if err != nil {
		return nil, err
	}
	return claims, nil
}

func randomToken(n int) string {
	buf := make([]byte, n)
	if _, err := rand.Read(buf); err != nil {
		panic(err)
	}
	return base64.RawURLEncoding.EncodeToString(buf)
}

func hashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// RefreshRecord is what a RefreshStore keeps: the token's hash, never the token.
type RefreshRecord struct {
	Hash      string
	UserID    string
	Family    string
	ExpiresAt time.Time
	Used      bool
}

// RefreshStore: implement it on your database; MemoryRefreshStore is for tests.
type RefreshStore interface {
	Get(hash string) (*RefreshRecord, bool)
	Put(record RefreshRecord)
	MarkUsed(hash string)
	RevokeFamily(family string)
}

// MemoryRefreshStore keeps records in memory.
type MemoryRefreshStore struct {
	mu      sync.Mutex
	records map[string]RefreshRecord
}

// NewMemoryRefreshStore returns an empty store.
func NewMemoryRefreshStore() *MemoryRefreshStore {
	return &MemoryRefreshStore{records: map[string]RefreshRecord{}}
}

func (s *MemoryRefreshStore) Get(hash string) (*RefreshRecord, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.records[hash]
	return &r, ok
}

func (s *MemoryRefreshStore) Put(record RefreshRecord) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.records[record.Hash] = record
}

func (s *MemoryRefreshStore) MarkUsed(hash string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r := s.records[hash]
	r.Used = true
	s.records[hash] = r
}

func (s *MemoryRefreshStore) RevokeFamily(family string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for hash, r := range s.records {
		if r.Family == family {
			delete(s.records, hash)
		}
	}
}

// ErrRefreshInvalid covers unknown, expired and reused refresh tokens.
var ErrRefreshInvalid = errors.New("invalid refresh token")

// IssueRefreshToken starts (family "") or continues a token family.
func IssueRefreshToken(store RefreshStore, userID, family string) string {
	if family == "" {
		family = randomToken(16)
	}
	token := randomToken(32)
	store.Put(RefreshRecord{Hash: hashToken(token), UserID: userID, Family: family, ExpiresAt: time.Now().Add(RefreshTTL)})
	return token
}

// RotateRefreshToken is one-time use; a reused token revokes its whole family.
func RotateRefreshToken(store RefreshStore, token string) (userID, next string, err error) {
	record, ok := store.Get(hashToken(token))
	if !ok || time.Now().After(record.ExpiresAt) {
		return "", "", ErrRefreshInvalid
	}
	if record.Used {
		store.RevokeFamily(record.Family)
		return "", "", ErrRefreshInvalid
	}
	store.MarkUsed(record.Hash)
	return record.UserID, IssueRefreshToken(store, record.UserID, record.Family), nil
}
`;
}

const PASSWORDS = `package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/bcrypt"
)

// OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword returns a PHC-format argon2id hash.
func HashPassword(password string) (string, error) {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		return "", err
	}
	key := argon2.IDKey([]byte(password), salt, argonTime, argonMemory, argonThreads, argonKeyLen)
	enc := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads, enc.EncodeToString(salt), enc.EncodeToString(key)), nil
}

// VerifyPassword checks argon2id hashes and legacy bcrypt ones (needsRehash: store HashPassword now).
func VerifyPassword(hash, password string) (ok, needsRehash bool) {
	if strings.HasPrefix(hash, "$2") {
		ok = bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
		return ok, ok
	}
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false, false
	}
	var memory uint32
	var time uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &memory, &time, &threads); err != nil {
		return false, false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil {
		return false, false
	}
	got := argon2.IDKey([]byte(password), salt, time, memory, threads, uint32(len(want)))
	ok = subtle.ConstantTimeCompare(got, want) == 1
	return ok, ok && (memory < argonMemory || time < argonTime)
}
`;

function totp(issuer: string): string {
  return `package auth

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base32"
	"encoding/binary"
	"fmt"
	"net/url"
	"time"
)

// TOTPIssuer names the app in authenticator apps.
const TOTPIssuer = ${q(issuer)}

var b32 = base32.StdEncoding.WithPadding(base32.NoPadding)

// EnrollTOTP returns a new secret and its otpauth:// URI for the QR code; store the secret encrypted.
func EnrollTOTP(account string) (secret, uri string, err error) {
	buf := make([]byte, 20)
	if _, err = rand.Read(buf); err != nil {
		return "", "", err
	}
	secret = b32.EncodeToString(buf)
	uri = fmt.Sprintf("otpauth://totp/%s:%s?secret=%s&issuer=%s&period=30&digits=6", url.PathEscape(TOTPIssuer), url.PathEscape(account), secret, url.QueryEscape(TOTPIssuer))
	return secret, uri, nil
}

// TOTPCode is the RFC 6238 code (HMAC-SHA1, 30 s steps) at time t.
func TOTPCode(key []byte, t time.Time, digits int) string {
	var msg [8]byte
	binary.BigEndian.PutUint64(msg[:], uint64(t.Unix()/30))
	mac := hmac.New(sha1.New, key)
	mac.Write(msg[:])
	sum := mac.Sum(nil)
	offset := sum[len(sum)-1] & 0x0f
	value := binary.BigEndian.Uint32(sum[offset:offset+4]) & 0x7fffffff
	mod := uint32(1)
	for i := 0; i < digits; i++ {
		mod *= 10
	}
	return fmt.Sprintf("%0*d", digits, value%mod)
}

// VerifyTOTP accepts the current step and one either side (clock drift).
func VerifyTOTP(secret, code string, now time.Time) bool {
	key, err := b32.DecodeString(secret)
	if err != nil || len(code) != 6 {
		return false
	}
	for _, skew := range []time.Duration{-30 * time.Second, 0, 30 * time.Second} {
		if hmac.Equal([]byte(TOTPCode(key, now.Add(skew), 6)), []byte(code)) {
			return true
		}
	}
	return false
}
`;
}

const OIDC = `package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"net/url"
)

// CodeChallenge is the PKCE S256 challenge (RFC 7636).
func CodeChallenge(verifier string) string {
	sum := sha256.Sum256([]byte(verifier))
	return base64.RawURLEncoding.EncodeToString(sum[:])
}

// AuthorizationRequest starts an OIDC login: keep state, nonce and verifier in the HttpOnly session.
func AuthorizationRequest(endpoint, clientID, redirectURI string) (authURL, state, nonce, verifier string) {
	state, nonce, verifier = randomToken(16), randomToken(16), randomToken(32)
	q := url.Values{
		"response_type":         {"code"},
		"client_id":             {clientID},
		"redirect_uri":          {redirectURI},
		"scope":                 {"openid profile email"},
		"state":                 {state},
		"nonce":                 {nonce},
		"code_challenge":        {CodeChallenge(verifier)},
		"code_challenge_method": {"S256"},
	}
	return endpoint + "?" + q.Encode(), state, nonce, verifier
}

// TokenRequestForm is what to POST to the token endpoint after checking state (golang.org/x/oauth2 works too).
func TokenRequestForm(code, clientID, redirectURI, verifier string) url.Values {
	return url.Values{"grant_type": {"authorization_code"}, "code": {code}, "client_id": {clientID}, "redirect_uri": {redirectURI}, "code_verifier": {verifier}}
}
`;

function lockout(s: AuthSettings): string {
  return `package auth

import (
	"net/http"
	"sync"
	"time"
)

// Brute-force lockout per account and IP.
const (
	MaxAttempts = ${s.lockoutAttempts}
	LockFor     = ${s.lockoutSeconds} * time.Second
)

// Lockout counts failed logins per account and IP pair.
type Lockout struct {
	mu       sync.Mutex
	failures map[string]lockEntry
	Now      func() time.Time
}

type lockEntry struct {
	count       int
	lockedUntil time.Time
}

// NewLockout returns an empty lockout table.
func NewLockout() *Lockout {
	return &Lockout{failures: map[string]lockEntry{}, Now: time.Now}
}

// LockedFor is the time left on a lock; check it before verifying the password.
func (l *Lockout) LockedFor(account, ip string) time.Duration {
	l.mu.Lock()
	defer l.mu.Unlock()
	left := l.failures[account+"|"+ip].lockedUntil.Sub(l.Now())
	if left < 0 {
		return 0
	}
	return left
}

// Fail records a failed login.
func (l *Lockout) Fail(account, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	e := l.failures[account+"|"+ip]
	e.count++
	if e.count >= MaxAttempts {
		e = lockEntry{lockedUntil: l.Now().Add(LockFor)}
	}
	l.failures[account+"|"+ip] = e
}

// Succeed clears the pair after a good login.
func (l *Lockout) Succeed(account, ip string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	delete(l.failures, account+"|"+ip)
}

// RefreshCookie carries the refresh token: not readable by scripts, HTTPS only, not sent cross-site.
func RefreshCookie(token string) *http.Cookie {
	return &http.Cookie{Name: "__Host-refresh", Value: token, Path: "/", MaxAge: int(RefreshTTL / time.Second), HttpOnly: true, Secure: true, SameSite: http.SameSiteStrictMode}
}
`;
}

const TEST = `package auth

import (
	"crypto/ed25519"
	"crypto/rand"
	"strings"
	"testing"
	"time"
)

func TestAccessTokenChecksKidIssuerAudience(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	token, err := SignAccessToken("k1", priv, "user-1")
	if err != nil {
		t.Fatal(err)
	}
	claims, err := VerifyAccessToken(token, map[string]ed25519.PublicKey{"k1": pub})
	if err != nil || claims.Subject != "user-1" {
		t.Fatalf("verify: %v", err)
	}
	if _, err := VerifyAccessToken(token, map[string]ed25519.PublicKey{"k2": pub}); err == nil {
		t.Fatal("unknown kid accepted")
	}
}

func TestRefreshRotationAndReuse(t *testing.T) {
	store := NewMemoryRefreshStore()
	first := IssueRefreshToken(store, "user-1", "")
	user, second, err := RotateRefreshToken(store, first)
	if err != nil || user != "user-1" {
		t.Fatalf("rotate: %v", err)
	}
	if _, _, err := RotateRefreshToken(store, first); err == nil {
		t.Fatal("reuse accepted")
	}
	if _, _, err := RotateRefreshToken(store, second); err == nil {
		t.Fatal("family not revoked after reuse")
	}
}

func TestArgon2idPasswords(t *testing.T) {
	hash, err := HashPassword("correct horse battery staple")
	if err != nil || !strings.HasPrefix(hash, "$argon2id$") {
		t.Fatalf("hash %q: %v", hash, err)
	}
	if ok, _ := VerifyPassword(hash, "correct horse battery staple"); !ok {
		t.Fatal("good password refused")
	}
	if ok, _ := VerifyPassword(hash, "wrong"); ok {
		t.Fatal("bad password accepted")
	}
}

func TestTOTPRFC6238Vector(t *testing.T) {
	if got := TOTPCode([]byte("12345678901234567890"), time.Unix(59, 0), 8); got != "94287082" {
		t.Fatalf("got %s", got)
	}
	secret, _, _ := EnrollTOTP("ada@example.com")
	key, _ := b32.DecodeString(secret)
	now := time.Now()
	if !VerifyTOTP(secret, TOTPCode(key, now, 6), now) {
		t.Fatal("current code refused")
	}
}

func TestPKCEVector(t *testing.T) {
	if CodeChallenge(${q(PKCE_VECTOR.verifier)}) != ${q(PKCE_VECTOR.challenge)} {
		t.Fatal("wrong S256 challenge")
	}
}

func TestLockout(t *testing.T) {
	now := time.Unix(0, 0)
	l := NewLockout()
	l.Now = func() time.Time { return now }
	for i := 0; i < MaxAttempts; i++ {
		l.Fail("ada", "1.2.3.4")
	}
	if l.LockedFor("ada", "1.2.3.4") == 0 || l.LockedFor("ada", "5.6.7.8") != 0 {
		t.Fatal("lockout not per account and IP")
	}
	now = now.Add(24 * time.Hour)
	if l.LockedFor("ada", "1.2.3.4") != 0 {
		t.Fatal("lock did not expire")
	}
}
`;

export function goAuth(s: AuthSettings): StackCode {
  return {
    files: [
      { name: 'tokens.go', code: tokens(s) },
      { name: 'passwords.go', code: PASSWORDS },
      { name: 'totp.go', code: totp(s.issuer) },
      { name: 'oidc.go', code: OIDC },
      { name: 'lockout.go', code: lockout(s) },
      { name: 'auth_test.go', code: TEST },
    ],
    dependencies: [{ name: 'github.com/golang-jwt/jwt/v5', version: 'v5.2.1' }, { name: 'golang.org/x/crypto', version: 'v0.31.0' }],
    wiring: [
      'Protected routes: read `Authorization: Bearer`, call `auth.VerifyAccessToken(token, keys)` (keys by kid; fetch a JWKS when another service issues tokens) and put the subject in the request context.',
      'Login: `LockedFor` → `VerifyPassword` → `VerifyTOTP` if enrolled → `SignAccessToken` + `IssueRefreshToken` in `RefreshCookie`. Refresh: `RotateRefreshToken`.',
      'Replace `MemoryRefreshStore` with a database table (hashes only). Key rotation: publish the new key, sign with it, drop the old one after AccessTTL.',
    ],
  };
}
