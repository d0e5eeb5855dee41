package scoring

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The printed report uses the web report's words: each label taken from
// frontend/src/i18n/locales/report/*.json must still read the same there.
func TestReportLabelsMatchTheWebReport(t *testing.T) {
	for lang, labels := range reportLabels {
		raw, err := os.ReadFile(filepath.Join("..", "..", "..", "frontend", "src", "i18n", "locales", "report", lang+".json"))
		if err != nil {
			t.Fatal(err)
		}
		var tree map[string]any
		if err := json.Unmarshal(raw, &tree); err != nil {
			t.Fatal(err)
		}
		web := map[string]string{}
		flatten("", tree, web)
		for key, text := range labels {
			if strings.HasPrefix(key, "doc.") {
				continue // the document's own words
			}
			if web[key] != text {
				t.Errorf("%s %s: the web report says %q, the printed one %q", lang, key, web[key], text)
			}
		}
	}
}

func flatten(prefix string, tree map[string]any, out map[string]string) {
	for k, v := range tree {
		switch v := v.(type) {
		case map[string]any:
			flatten(prefix+k+".", v, out)
		case string:
			out[prefix+k] = v
		}
	}
}
