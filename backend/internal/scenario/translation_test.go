package scenario

import (
	"os"
	"strings"
	"testing"
)

// A key the scenario does not have gets the closest key as a suggestion,
// however long the key (text keys run past the length of field names).
func TestCheckSuggestsTheKeyMeant(t *testing.T) {
	data, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s, probs := Parse("mini.yaml", data, nil)
	if probs != nil {
		t.Fatal(probs)
	}
	tr := NewTranslation(s, "ru")
	for _, x := range s.Texts() {
		tr.Set(x.Key, x.Value, "перевод")
	}
	var long string
	for _, x := range s.Texts() {
		if len(x.Key) > len(long) {
			long = x.Key
		}
	}
	typo := strings.TrimSuffix(long, ".text") + ".txet"
	tr.Set(typo, "", "перевод")
	probs = tr.Check(s)
	if len(probs) != 1 || !strings.Contains(probs[0].Message, `did you mean "`+long+`"?`) {
		t.Errorf("for %q the check says %v", typo, probs)
	}
}
