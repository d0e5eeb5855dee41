package exercise

import (
	"crypto/rand"
	"math/big"
	"net/http"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// joinAlphabet leaves out letters and digits that people confuse (0/O, 1/I/L).
// It has 31 symbols, a prime, which the check symbol relies on.
const joinAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"

// Join codes are read aloud, written on a whiteboard and typed on phones by
// people who are not always native English speakers, so they are short, in
// two groups, case-free, and carry a check symbol.
//
// A code is 9 random symbols and a check symbol: "K7PMA-3QXDW". 31^9 is
// 2.6e13 codes, 44.6 bits. The check symbol makes Σ i·v(i) ≡ 0 (mod 31) over
// the positions i = 1…10: since 31 is prime and the weights differ, every
// single mistyped symbol and every swap of two symbols is caught before the
// code is looked up, so typing mistakes never count as wrong codes against the
// rate limits. The check symbol is public: it adds no secrecy, the 9 random
// symbols give all of it.
//
// Older codes had 8 random symbols and no check ("K7PM-3QXD", 39.6 bits);
// they keep working until a facilitator gives the team a new one.
const (
	codeRandom = 9
	codeLength = codeRandom + 1
	codeGroup  = 5 // symbols before the dash
	legacyCode = 8
)

// NewJoinCode returns a new random code with its check symbol.
func NewJoinCode() string {
	v := make([]int, codeLength)
	for i := range codeRandom {
		n, _ := rand.Int(rand.Reader, big.NewInt(int64(len(joinAlphabet)))) // crypto/rand does not fail
		v[i] = int(n.Int64())
	}
	v[codeRandom] = checkValue(v[:codeRandom])
	b := make([]byte, 0, codeLength+1)
	for i, x := range v {
		if i == codeGroup {
			b = append(b, '-')
		}
		b = append(b, joinAlphabet[x])
	}
	return string(b)
}

// checkValue is c such that Σ i·v(i) + 10·c ≡ 0 (mod 31), i from 1.
func checkValue(v []int) int {
	const n = len(joinAlphabet)
	sum := 0
	for i, x := range v {
		sum += (i + 1) * x
	}
	// 28 is the inverse of 10 modulo 31 (10·28 = 280 = 9·31 + 1).
	return (n - sum%n) * 28 % n
}

// NormaliseCode accepts codes typed with spaces, lower case or no dash, and
// writes them the way they are stored.
func NormaliseCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if strings.ContainsRune(joinAlphabet, r) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	switch len(s) {
	case codeLength:
		return s[:codeGroup] + "-" + s[codeGroup:]
	case legacyCode:
		return s[:4] + "-" + s[4:]
	}
	return s
}

// checkCode refuses, before any lookup, what cannot be a code: the wrong
// number of symbols, or a check symbol that does not match. code is
// normalised.
func checkCode(code string) error {
	s := strings.ReplaceAll(code, "-", "")
	switch len(s) {
	case legacyCode:
		return nil
	case codeLength:
		v := make([]int, codeLength)
		for i := range s {
			v[i] = strings.IndexByte(joinAlphabet, s[i])
		}
		if checkValue(v[:codeRandom]) == v[codeRandom] {
			return nil
		}
		return mistyped("This code has a typing mistake: check each character with your facilitator. Codes look like K7PMA-3QXDW and use no 0, 1, I, L or O.")
	}
	return mistyped("A code has 10 characters, like K7PMA-3QXDW (codes use no 0, 1, I, L or O). Check it with your facilitator.")
}

func mistyped(msg string) error {
	return &apperr.Error{Status: http.StatusUnprocessableEntity, Code: "validation_failed", Message: msg,
		Fields: map[string]string{"code": msg}}
}
