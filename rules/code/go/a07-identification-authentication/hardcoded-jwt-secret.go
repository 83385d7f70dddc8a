package auth

import (
	"os"

	"github.com/golang-jwt/jwt/v5"
)

// ruleid: DSQ-GO-0012
var jwtKey = []byte("super-secret-signing-key")

// ok: DSQ-GO-0012
var signingKey = []byte(os.Getenv("JWT_SECRET"))

func issue(claims jwt.MapClaims) (string, error) {
	t := jwt.NewWithClaims(jwt.SigningMethodHS256, claims)
	// ruleid: DSQ-GO-0012
	return t.SignedString([]byte("changeme"))
}

func verify(raw string) (*jwt.Token, error) {
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		// ruleid: DSQ-GO-0012
		return []byte("changeme"), nil
	}, jwt.WithValidMethods([]string{"HS256"}))
}

func issueOK(claims jwt.MapClaims) (string, error) {
	// ok: DSQ-GO-0012
	return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(signingKey)
}
