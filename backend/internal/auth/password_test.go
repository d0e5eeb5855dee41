package auth

import (
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

// Passwords are counted in characters at the low end (a password in
// Cyrillic or Arabic is as long as it looks) and in bytes at the high end,
// where bcrypt stops reading.
func TestPasswordLengthRules(t *testing.T) {
	for _, c := range []struct {
		pw string
		ok bool
	}{
		{"", false},
		{strings.Repeat("a", 11), false},
		{strings.Repeat("a", 12), true},
		{strings.Repeat("ж", 11), false}, // 22 bytes, 11 characters
		{strings.Repeat("ж", 12), true},
		{strings.Repeat("a", 72), true},
		{strings.Repeat("a", 73), false},
		{strings.Repeat("ж", 36), true},        // 72 bytes
		{strings.Repeat("ж", 36) + "a", false}, // 73 bytes in 37 characters
	} {
		if got := checkPassword(c.pw) == ""; got != c.ok {
			t.Errorf("%d characters, %d bytes: acceptable %v, want %v (%q)", len([]rune(c.pw)), len(c.pw), got, c.ok, checkPassword(c.pw))
		}
	}
}

func TestPasswordHashes(t *testing.T) {
	const pw = "correct horse battery"
	h, err := hashPassword(pw, bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if cost, err := bcrypt.Cost([]byte(h)); err != nil || cost != bcrypt.MinCost {
		t.Fatalf("cost %d, %v", cost, err)
	}
	if h2, _ := hashPassword(pw, bcrypt.MinCost); h2 == h {
		t.Fatal("two hashes of one password are equal: no salt")
	}
	for _, c := range []struct {
		hash, pw string
		match    bool
	}{
		{h, pw, true},
		{h, pw + " ", false},
		{h, strings.ToUpper(pw), false},
		{h, "", false},
		{"", pw, false},
		{"not a bcrypt hash", pw, false},
	} {
		if got := passwordMatches(c.hash, c.pw); got != c.match {
			t.Errorf("hash %.10q, password %q: match %v, want %v", c.hash, c.pw, got, c.match)
		}
	}
}

// The hash an unknown e-mail is checked against costs what a real one does,
// so a wrong e-mail answers as slowly as a wrong password.
func TestDummyHashCostsAsMuchAsARealOne(t *testing.T) {
	cost, err := bcrypt.Cost(dummyHash)
	if err != nil || cost != bcrypt.DefaultCost {
		t.Fatalf("dummy hash: cost %d, %v; want %d", cost, err, bcrypt.DefaultCost)
	}
	if passwordMatches(string(dummyHash), "") {
		t.Fatal("the dummy hash matches an empty password")
	}
}
