package httpapi

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// repoRoot is the repository root seen from this package's folder.
var repoRoot = filepath.Join("..", "..", "..")

// The browser's list of event types is the server's catalogue: its stream
// listens for exactly these names (EventSource drops any other name, and
// report.published was once missing, so rooms never heard the report was
// out). The file is generated; this fails when it is stale.
func TestBrowserEventListMatchesTheCatalogue(t *testing.T) {
	got, err := os.ReadFile(filepath.Join(repoRoot, EventCatalogueFile))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, EventCatalogueTS()) {
		t.Fatalf("%s is not the server's catalogue of event types: run go generate ./backend/internal/httpapi", EventCatalogueFile)
	}
	// The stream client takes its list from that module, not from a copy.
	src, err := os.ReadFile(filepath.Join(repoRoot, "frontend", "src", "exercise", "stream.ts"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "from './eventCatalogue'") || strings.Contains(string(src), "'message.sent'") {
		t.Fatal("frontend/src/exercise/stream.ts must take EVENT_TYPES from ./eventCatalogue and list no type itself")
	}
}

// Every label key of the catalogue has a text in each language of the
// browser, so the live log never shows a raw type name.
func TestEveryEventTypeHasALabelInEveryLanguage(t *testing.T) {
	dir := filepath.Join(repoRoot, "frontend", "src", "i18n", "locales")
	for _, lang := range []string{"en", "fr", "de", "it", "ru", "es"} {
		texts := map[string]map[string]any{} // namespace → its file
		for _, k := range exercise.Catalogue() {
			ns, key, ok := strings.Cut(k.Label, ":")
			if !ok {
				t.Fatalf("label %q of %s names no namespace", k.Label, k.Type)
			}
			if texts[ns] == nil {
				b, err := os.ReadFile(filepath.Join(dir, ns, lang+".json"))
				if err != nil {
					t.Fatal(err)
				}
				var m map[string]any
				if err := json.Unmarshal(b, &m); err != nil {
					t.Fatalf("%s/%s.json: %v", ns, lang, err)
				}
				texts[ns] = m
			}
			if s, _ := lookUp(texts[ns], key).(string); strings.TrimSpace(s) == "" {
				t.Errorf("%s/%s.json has no text for %s (%s)", ns, lang, key, k.Type)
			}
		}
	}
}

// lookUp finds a dotted key in nested translations the way i18next does: a
// segment may itself hold dots ("log" → "types" → "message.sent").
func lookUp(m map[string]any, key string) any {
	if v, ok := m[key]; ok {
		return v
	}
	parts := strings.Split(key, ".")
	for i := 1; i < len(parts); i++ {
		if sub, ok := m[strings.Join(parts[:i], ".")].(map[string]any); ok {
			if v := lookUp(sub, strings.Join(parts[i:], ".")); v != nil {
				return v
			}
		}
	}
	return nil
}
