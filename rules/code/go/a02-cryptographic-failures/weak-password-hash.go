package auth

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/hex"
)

func store(password string) string {
	// ruleid: DSQ-GO-0008
	sum := md5.Sum([]byte(password))
	return hex.EncodeToString(sum[:])
}

func hashPassword(pw string) []byte {
	// ruleid: DSQ-GO-0008
	h := sha1.New()
	h.Write([]byte(pw))
	return h.Sum(nil)
}

func etag(body []byte) [16]byte {
	// ok: DSQ-GO-0008
	return md5.Sum(body)
}

func fingerprint(password string) [32]byte {
	// ok: DSQ-GO-0008
	return sha256.Sum256([]byte(password))
}
