package exercise

import (
	"math"
	"regexp"
	"strings"
	"testing"
)

func TestJoinCodesHaveAtLeast40BitsAndAreReadable(t *testing.T) {
	if bits := codeRandom * math.Log2(float64(len(joinAlphabet))); bits < 40 {
		t.Fatalf("join codes have %.1f random bits, want at least 40", bits)
	}
	shape := regexp.MustCompile(`^[` + joinAlphabet + `]{5}-[` + joinAlphabet + `]{5}$`)
	seen := map[string]bool{}
	for range 1000 {
		c := NewJoinCode()
		if !shape.MatchString(c) || NormaliseCode(c) != c {
			t.Fatalf("code %q is not like K7PMA-3QXDW", c)
		}
		if err := checkCode(c); err != nil {
			t.Fatalf("a new code fails its own check: %q: %v", c, err)
		}
		if seen[c] {
			t.Fatalf("code %q drawn twice in 1000", c)
		}
		seen[c] = true
	}
}

// The check symbol catches every single mistyped symbol and every swap of
// two different symbols, so people's typing mistakes are answered at once and
// never count as guesses.
func TestCheckSymbolCatchesTypingMistakes(t *testing.T) {
	for range 50 {
		code := []byte(strings.ReplaceAll(NewJoinCode(), "-", ""))
		for i := range code {
			for _, r := range []byte(joinAlphabet) {
				if r == code[i] {
					continue
				}
				typo := append([]byte(nil), code...)
				typo[i] = r
				if checkCode(NormaliseCode(string(typo))) == nil {
					t.Fatalf("%s → %s (one symbol changed) passes the check", code, typo)
				}
			}
			for j := i + 1; j < len(code); j++ {
				if code[i] == code[j] {
					continue
				}
				swap := append([]byte(nil), code...)
				swap[i], swap[j] = swap[j], swap[i]
				if checkCode(NormaliseCode(string(swap))) == nil {
					t.Fatalf("%s → %s (two symbols swapped) passes the check", code, swap)
				}
			}
		}
	}
}

func TestCodesAreNormalisedAndOldCodesStillAccepted(t *testing.T) {
	code := NewJoinCode()
	for _, typed := range []string{code, " " + strings.ReplaceAll(code, "-", "") + " ", strings.ToLower(code[:5]) + " " + code[6:]} {
		if got := NormaliseCode(typed); got != code {
			t.Fatalf("%q normalised to %q, want %q", typed, got, code)
		}
	}
	if got := NormaliseCode("k7pm 3qxd"); got != "K7PM-3QXD" || checkCode(got) != nil {
		t.Fatalf("an 8-symbol code of before: %q, %v", got, checkCode(got))
	}
	for _, bad := range []string{"", "K7PM-3QX", "K7PMA-3QXDWX", "K7PM0-3QXDW"} {
		if err := checkCode(NormaliseCode(bad)); err == nil {
			t.Fatalf("%q passes the check", bad)
		}
	}
}
