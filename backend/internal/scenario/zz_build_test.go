package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZBuild(t *testing.T) {
	dir := os.Getenv("BUILD_DIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob(filepath.Join(dir, "*.*.json"))
	for _, f := range files {
		base := strings.TrimSuffix(filepath.Base(f), ".json")
		i := strings.LastIndex(base, ".")
		id, lang := base[:i], base[i+1:]
		if lang == "en" {
			continue
		}
		src := "../../../scenarios/" + id + ".yaml"
		data, _ := os.ReadFile(src)
		s, probs := Parse(src, data, nil)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		var in []struct{ Key, Text string }
		b, _ := os.ReadFile(f)
		if err := json.Unmarshal(b, &in); err != nil {
			t.Fatal(f, err)
		}
		sources := map[string]string{}
		for _, x := range s.Texts() {
			sources[x.Key] = x.Value
		}
		tr := NewTranslation(s, lang)
		for _, x := range in {
			src, ok := sources[x.Key]
			if !ok {
				t.Fatalf("%s: unknown key %s", f, x.Key)
			}
			// keep the trailing newline of block texts as the source has it
			text := x.Text
			if strings.HasSuffix(src, "\n") && !strings.HasSuffix(text, "\n") {
				text += "\n"
			}
			tr.Set(x.Key, src, text)
		}
		out := "../../../scenarios/" + id + "." + lang + ".yaml"
		os.WriteFile(out, tr.Marshal(s), 0o644)
		tr2, probs := ParseTranslation(out, tr.Marshal(s))
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		if ps := tr2.Check(s); len(ps) > 0 {
			t.Fatal(ps)
		}
		t.Logf("%s: %d texts", out, len(tr2.Entries))
	}
}
