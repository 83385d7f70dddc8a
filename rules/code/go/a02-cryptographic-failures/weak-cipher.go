package crypt

import (
	"crypto/aes"
	"crypto/des"
	"crypto/rc4"
)

func legacy(key []byte) {
	// ruleid: DSQ-GO-0009
	block, _ := des.NewCipher(key)
	_ = block
	// ruleid: DSQ-GO-0009
	c, _ := rc4.NewCipher(key)
	_ = c
	// ruleid: DSQ-GO-0009
	des.NewTripleDESCipher(key)
}

func modern(key []byte) {
	// ok: DSQ-GO-0009
	block, _ := aes.NewCipher(key)
	_ = block
}
