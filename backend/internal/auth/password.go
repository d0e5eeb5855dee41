package auth

import (
	"errors"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
)

// Password limits. bcrypt reads at most 72 bytes, so longer passwords are
// refused rather than silently cut.
const (
	MinPasswordLen   = 12
	MaxPasswordBytes = 72
)

// checkPassword returns a sentence for a person, or "" when the password is acceptable.
func checkPassword(pw string) string {
	switch {
	case utf8.RuneCountInString(pw) < MinPasswordLen:
		return "The password must have at least 12 characters."
	case len(pw) > MaxPasswordBytes:
		return "The password must be at most 72 bytes long."
	}
	return ""
}

// hashPassword hashes with bcrypt at the given cost.
func hashPassword(pw string, cost int) (string, error) {
	h, err := bcrypt.GenerateFromPassword([]byte(pw), cost)
	return string(h), err
}

// dummyHash is compared against when the account does not exist, so that a
// wrong e-mail costs as much time as a wrong password and reveals nothing.
var dummyHash, _ = bcrypt.GenerateFromPassword([]byte("cbmex-no-such-account"), bcrypt.DefaultCost)

func passwordMatches(hash, pw string) bool {
	err := bcrypt.CompareHashAndPassword([]byte(hash), []byte(pw))
	return err == nil && !errors.Is(err, bcrypt.ErrMismatchedHashAndPassword)
}
