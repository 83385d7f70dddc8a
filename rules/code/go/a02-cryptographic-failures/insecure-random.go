package auth

import (
	"fmt"
	"math/rand"
)

const letters = "abcdefghijklmnopqrstuvwxyz0123456789"

func newSessionToken() string {
	b := make([]byte, 32)
	for i := range b {
		// ruleid: DSQ-GO-0010
		b[i] = letters[rand.Intn(len(letters))]
	}
	return string(b)
}

func resetEmail() string {
	// ruleid: DSQ-GO-0010
	code := rand.Intn(1000000)
	return fmt.Sprintf("%06d", code)
}

func jitter() int {
	// ok: DSQ-GO-0010
	return rand.Intn(100)
}

func shuffle(items []string) {
	// ok: DSQ-GO-0010
	rand.Shuffle(len(items), func(i, j int) { items[i], items[j] = items[j], items[i] })
}
