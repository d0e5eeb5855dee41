package scenario

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzParse checks that no input makes the parser panic, that a scenario and
// problems are never returned together, and that every problem has a
// position and a message.
func FuzzParse(f *testing.F) {
	f.Add([]byte(mini(f)))
	files, _ := filepath.Glob("../../../scenarios/*.yaml")
	for _, name := range files {
		if data, err := os.ReadFile(name); err == nil {
			f.Add(data)
		}
	}
	f.Add([]byte("a: &x [*x]\n"))
	f.Add([]byte("injects:\n  - key: a\n    after: {inject: a, delay: 1m}\n"))
	f.Add([]byte("{id: x, teams: [{key: 1}], cbms: [1, '1', 99]}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, probs := Parse("fuzz.yaml", data, nil)
		if (s == nil) == (len(probs) == 0) {
			t.Fatalf("scenario %v with %d problems", s != nil, len(probs))
		}
		for _, p := range probs {
			if p.Line < 1 || p.Col < 1 || strings.TrimSpace(p.Message) == "" {
				t.Fatalf("bad problem %+v", p)
			}
		}
		if s != nil {
			_ = s.Schedule()
		}
	})
}
