package scenario

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
)

func TestZZDump(t *testing.T) {
	dir := os.Getenv("DUMP_DIR")
	if dir == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../../../scenarios/*.yaml")
	for _, f := range files {
		if _, _, ok := TranslationFileName(f); ok {
			continue
		}
		data, _ := os.ReadFile(f)
		s, probs := Parse(f, data, nil)
		if len(probs) > 0 {
			t.Fatal(probs)
		}
		type kv struct {
			Key, Text string
			Markdown  bool
		}
		var out []kv
		for _, x := range s.Texts() {
			out = append(out, kv{x.Key, x.Value, x.Markdown})
		}
		b, _ := json.MarshalIndent(out, "", " ")
		os.WriteFile(filepath.Join(dir, s.ID+".en.json"), b, 0o644)
	}
}
