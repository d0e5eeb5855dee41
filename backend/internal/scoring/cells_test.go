package scoring

import "testing"

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		`=HYPERLINK("http://x","y")`: `'=HYPERLINK("http://x","y")`,
		"=1+1":                       "'=1+1",
		"@SUM(1)":                    "'@SUM(1)",
		"+1":                         "'+1",
		"-1":                         "'-1",
		"\tx":                        "'\tx",
		"\rx":                        "'\rx",
		"Lorvenia":                   "Lorvenia",
		"":                           "",
		"a=b":                        "a=b",
	} {
		if got := safeCell(in); got != want {
			t.Errorf("safeCell(%q) = %q, want %q", in, got, want)
		}
	}
}
