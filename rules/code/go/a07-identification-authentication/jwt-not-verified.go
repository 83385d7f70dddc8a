package auth

import (
	"errors"

	"github.com/golang-jwt/jwt/v5"
)

var key = loadKey()

func claimsOf(raw string) jwt.MapClaims {
	claims := jwt.MapClaims{}
	// ruleid: DSQ-GO-0013
	jwt.NewParser().ParseUnverified(raw, claims)
	return claims
}

func parseAnyAlg(raw string) (*jwt.Token, error) {
	// ruleid: DSQ-GO-0013
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		return key, nil
	})
}

func parseChecked(raw string) (*jwt.Token, error) {
	// ok: DSQ-GO-0013
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
		if _, ok := t.Method.(*jwt.SigningMethodHMAC); !ok {
			return nil, errors.New("unexpected alg")
		}
		return key, nil
	})
}

func parseV5(raw string) (*jwt.Token, error) {
	// ok: DSQ-GO-0013
	return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) { return key, nil }, jwt.WithValidMethods([]string{"HS256"}))
}
