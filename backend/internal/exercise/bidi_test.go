package exercise

import "testing"

func TestCloseBidi(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"Victor", "Victor"},
		{"Алексей Петров", "Алексей Петров"},
		{"محمد الأحمد", "محمد الأحمد"},
		{"\u202EVictor", "\u202EVictor\u202C"},
		{"\u202EVic\u202Ctor", "\u202EVic\u202Ctor"},
		{"\u202B\u202EAB", "\u202B\u202EAB\u202C\u202C"},
		{"\u2067abc", "\u2067abc\u2069"},
		{"\u2068a\u202Eb", "\u2068a\u202Eb\u202C\u2069"},
		// A PDI closes its isolate and the override opened inside it.
		{"\u2068a\u202Eb\u2069c", "\u2068a\u202Eb\u2069c"},
		// A PDF cannot close an embedding from inside an isolate opened after it.
		{"\u202Ea\u2066b\u202C", "\u202Ea\u2066b\u202C\u2069\u202C"},
		// Stray closers are left alone.
		{"a\u202C\u2069b", "a\u202C\u2069b"},
	} {
		if got := closeBidi(c.in); got != c.want {
			t.Errorf("closeBidi(%+q) = %+q, want %+q", c.in, got, c.want)
		}
	}
}
