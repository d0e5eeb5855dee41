package httpapi

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
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

// The browser puts a message in a recipient's inbox from its message.sent
// event instead of fetching the list again (frontend/src/exercise/messages/
// fold.ts, messageFromEvent). So the event must carry everything GET
// /messages shows that recipient, and nothing the list would not: a field
// added to one and not the other fails here.
func TestMessageSentEventCarriesTheInboxView(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, base, tok, ids := e.threeTeams()
		stream := e.openStream(base+"/events", tok["esterra"], 0)
		r := e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "consultation_request",
			"subject": "Consultations", "body": "We ask for consultations.", "cbms": []string{"3"}, "kind": "consultation"})
		request := int64(r.json["message"].(map[string]any)["id"].(float64))
		// A follow-up by the requester (a recipient's reply would answer the
		// request and change it after its event).
		e.send(base, tok["valdoria"], map[string]any{"to": []int64{ids["esterra"]}, "channel": "poc_hotline",
			"subject": "Re: Consultations", "body": "Tomorrow suits us.", "reply_to": request})
		e.send(base, tok["norhaven"], map[string]any{"channel": "public_statement", "subject": "Statement", "body": "We watch."})

		events := map[float64]sseEvent{}
		for len(events) < 3 {
			if ev := stream.next(t); ev.typ == "message.sent" {
				events[ev.data["seq"].(float64)] = ev
			}
		}
		list := e.do(req{method: "GET", path: base + "/messages", bearer: tok["esterra"]}).json["messages"].([]any)
		if len(list) != 3 {
			t.Fatalf("Esterra sees %d messages, want 3", len(list))
		}
		for _, item := range list {
			got := item.(map[string]any)
			ev, ok := events[got["id"].(float64)]
			if !ok {
				t.Fatalf("message %v never came on Esterra's stream", got["id"])
			}
			if want := inboxViewOf(ev); !reflect.DeepEqual(got, want) {
				t.Errorf("GET /messages shows\n%v\nthe browser builds from the event\n%v", got, want)
			}
		}
	})
}

// inboxViewOf is the message the browser builds from a message.sent event
// (the same rules as messageFromEvent in the browser).
func inboxViewOf(ev sseEvent) map[string]any {
	d := ev.data["data"].(map[string]any)
	or := func(k string, def any) any {
		if v, ok := d[k]; ok && v != nil {
			return v
		}
		return def
	}
	m := map[string]any{"id": ev.data["seq"], "from": or("from", 0.0), "from_name": d["from_name"], "to": or("to", []any{}),
		"to_control": or("to_control", false), "all": or("all", false), "channel": d["channel"], "subject": d["subject"],
		"body": d["body"], "cbms": or("cbms", []any{}), "kind": or("kind", ""), "sent_at": ev.data["at"],
		"offset_seconds": ev.data["offset_seconds"]}
	if v, ok := d["reply_to"]; ok {
		m["reply_to"] = v
	}
	if v, ok := d["tag_sources"]; ok {
		m["tag_sources"] = v
	}
	if v, ok := d["lang"]; ok {
		m["lang"] = v
	}
	if m["kind"] != "" {
		m["status"] = "open"
	}
	return m
}
