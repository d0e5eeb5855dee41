package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/scenarios"
)

// bundledText is a text of a bundled translation, as the tests expect it.
func bundledText(t *testing.T, id, lang, key string) string {
	t.Helper()
	data, err := scenarios.FS.ReadFile(id + "." + lang + ".yaml")
	if err != nil {
		t.Fatal(err)
	}
	tr, probs := scenario.ParseTranslation(id+"."+lang+".yaml", data)
	if probs != nil {
		t.Fatal(probs)
	}
	text := tr.Entries[key].Text
	if text == "" {
		t.Fatalf("%s.%s.yaml has no %s", id, lang, key)
	}
	return text
}

// A translator exports the Russian texts as XLIFF, changes one target;
// meanwhile the source of another text differs in the file (as when the
// author edited it after the export). The import stores both, and the
// validator then reports exactly that text as stale, at its line and column
// in the translation file.
func TestXliffImportAndTheStaleText(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac := e.facilitatorToken()
		base := "/api/v1/scenarios/tutorial-first-contact/translations/ru"
		x := e.do(req{method: "GET", path: base + "/xliff", bearer: fac})
		if x.status != http.StatusOK || !strings.HasPrefix(x.header.Get("Content-Type"), xliffType) {
			t.Fatalf("export: %d %s", x.status, x.header.Get("Content-Type"))
		}
		doc := string(x.raw)
		oldTitle := bundledText(t, "tutorial-first-contact", "ru", "title")
		newTitle := "Первый контакт: вводное занятие на 15 минут"
		source := "Open and read an inject, and tell which information is for everyone and which is only for your team."
		if !strings.Contains(doc, ">"+oldTitle+"</target>") || !strings.Contains(doc, ">"+source+"</source>") {
			t.Fatalf("the export lacks the texts the test edits:\n%.600s", doc)
		}
		doc = strings.Replace(doc, ">"+oldTitle+"</target>", ">"+newTitle+"</target>", 1)
		doc = strings.Replace(doc, ">"+source+"</source>", ">Open and read an inject.</source>", 1)

		r := e.do(req{method: "POST", path: base + "/xliff", bearer: fac, xliff: doc})
		if r.status != http.StatusCreated {
			t.Fatalf("import: %d %s", r.status, r.raw)
		}
		if probs := r.json["problems"].([]any); len(probs) != 0 {
			t.Errorf("the import reports %v", probs)
		}
		summary := r.json["summary"].(map[string]any)
		if summary["stale"] != 1.0 || summary["missing"] != 0.0 {
			t.Errorf("summary %v, want exactly one stale text", summary)
		}

		// The side-by-side view agrees.
		table := e.do(req{method: "GET", path: base, bearer: fac}).json
		states := map[string]string{}
		targets := map[string]string{}
		for _, tx := range table["texts"].([]any) {
			row := tx.(map[string]any)
			states[row["key"].(string)] = row["state"].(string)
			targets[row["key"].(string)] = row["target"].(string)
		}
		if states["objectives.read-injects.text"] != "stale" || states["title"] != "done" || targets["title"] != newTitle {
			t.Errorf("after import: title %s %q, objective %s", states["title"], targets["title"], states["objectives.read-injects.text"])
		}

		// The validator, on the stored translation file and the scenario.
		file := e.do(req{method: "GET", path: base + "/file", bearer: fac})
		src := e.do(req{method: "GET", path: "/api/v1/scenarios/tutorial-first-contact/export", bearer: fac})
		s, probs := scenario.Parse("tutorial-first-contact.yaml", src.raw, nil)
		if probs != nil {
			t.Fatal(probs)
		}
		tr, probs := scenario.ParseTranslation("tutorial-first-contact.ru.yaml", file.raw)
		if probs != nil {
			t.Fatal(probs)
		}
		probs = tr.Check(s)
		if len(probs) != 1 {
			t.Fatalf("the validator reports %d problems, want the one stale text:\n%v", len(probs), probs)
		}
		line := 1 + strings.Index(string(file.raw), "  objectives.read-injects.text:")
		wantLine := strings.Count(string(file.raw)[:line], "\n") + 1
		p := probs[0]
		if p.Line != wantLine || p.Col != 3 || !strings.Contains(p.Message, "objectives.read-injects.text is stale") {
			t.Errorf("the problem is %s; want line %d, column 3, the stale objective", p, wantLine)
		}
	})
}

// A unit the scenario does not have is reported with its line and column;
// the others are stored.
func TestXliffImportReportsUnusableUnits(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac := e.facilitatorToken()
		base := "/api/v1/scenarios/tutorial-first-contact/translations/de"
		doc := string(e.do(req{method: "GET", path: base + "/xliff", bearer: fac}).raw)
		doc = strings.Replace(doc, `<unit id="title">`, `<unit id="titel">`, 1)
		r := e.do(req{method: "POST", path: base + "/xliff", bearer: fac, xliff: doc})
		if r.status != http.StatusOK && r.status != http.StatusCreated {
			t.Fatalf("import: %d %s", r.status, r.raw)
		}
		probs := r.json["problems"].([]any)
		if len(probs) != 1 {
			t.Fatalf("problems %v, want the unknown unit", probs)
		}
		p := probs[0].(map[string]any)
		if p["unit"] != "titel" || p["line"].(float64) < 2 || p["column"].(float64) < 1 {
			t.Errorf("problem %v", p)
		}
		bad := e.do(req{method: "POST", path: base + "/xliff", bearer: fac, xliff: "<xliff><file"})
		expectError(t, bad, http.StatusUnprocessableEntity, "invalid_xliff")
		wrong := e.do(req{method: "POST", path: "/api/v1/scenarios/tutorial-first-contact/translations/fr/xliff", bearer: fac, xliff: doc})
		expectError(t, wrong, http.StatusUnprocessableEntity, "invalid_xliff")
	})
}

// Each participant reads the exercise in the language they joined with:
// the briefing, the injects and the phases, over REST and on the stream;
// the facilitators read the source and can open each language of an inject.
func TestParticipantsReadInTheirLanguage(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		langs := map[string]string{"valdoria": "en", "esterra": "ru", "norhaven": "fr"}
		tok := map[string]string{}
		for team, lang := range langs {
			r := e.do(req{method: "POST", path: "/api/v1/join", body: map[string]string{"code": codes[team], "name": "Delegate", "language": lang}})
			if r.status != http.StatusOK || r.json["language"] != lang {
				t.Fatalf("join %s in %s: %d %s", team, lang, r.status, r.raw)
			}
			tok[team] = r.json["token"].(string)
		}
		streams := map[string]*sseClient{}
		for team := range langs {
			streams[team] = e.openStream(base+"/events", tok[team], 0)
		}
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d", r.status)
		}
		e.tick()

		welcome := map[string]string{"en": "Welcome to the exercise",
			"ru": bundledText(t, "tutorial-first-contact", "ru", "injects.welcome.title"),
			"fr": bundledText(t, "tutorial-first-contact", "fr", "injects.welcome.title")}
		question := map[string]string{"en": "Who in your team will read new injects, and who will write messages to other States?",
			"ru": bundledText(t, "tutorial-first-contact", "ru", "phases.getting-started.questions.gs-q1.text"),
			"fr": bundledText(t, "tutorial-first-contact", "fr", "phases.getting-started.questions.gs-q1.text")}
		for team, lang := range langs {
			var phase, inject map[string]any
			for phase == nil || inject == nil {
				ev := streams[team].next(t)
				switch ev.typ {
				case "phase.started":
					phase = ev.data["data"].(map[string]any)
				case "inject.released":
					inject = ev.data["data"].(map[string]any)
				}
			}
			if inject["title"] != welcome[lang] {
				t.Errorf("%s's stream shows the inject %q, want %q", lang, inject["title"], welcome[lang])
			}
			q := phase["questions"].([]any)[0].(map[string]any)
			if q["text"] != question[lang] {
				t.Errorf("%s's stream shows the question %q", lang, q["text"])
			}
			if lang != "en" && (inject["lang"] != lang || phase["lang"] != lang || inject["fallback"] != nil) {
				t.Errorf("%s's inject is marked lang %v fallback %v", lang, inject["lang"], inject["fallback"])
			}
			injects := e.do(req{method: "GET", path: base + "/injects", bearer: tok[team]}).json["injects"].([]any)
			if got := injects[0].(map[string]any)["title"]; got != welcome[lang] {
				t.Errorf("%s's GET /injects shows %q", lang, got)
			}
			b := e.do(req{method: "GET", path: base + "/briefing", bearer: tok[team]}).json
			if lang != "en" && b["title"] != bundledText(t, "tutorial-first-contact", lang, "title") {
				t.Errorf("%s's briefing title is %q", lang, b["title"])
			}
		}

		// Staff read the source, and each language of an inject.
		staff := e.do(req{method: "GET", path: base + "/injects", bearer: fac}).json["injects"].([]any)
		for _, in := range staff {
			if row := in.(map[string]any); row["key"] == "welcome" && row["title"] != welcome["en"] {
				t.Errorf("staff read %q", row["title"])
			}
		}
		texts := e.do(req{method: "GET", path: base + "/injects/welcome/texts", bearer: fac}).json
		byLang := map[string]string{}
		for _, tx := range texts["texts"].([]any) {
			row := tx.(map[string]any)
			byLang[row["language"].(string)] = row["title"].(string)
		}
		if len(byLang) != 6 || byLang["ru"] != welcome["ru"] || byLang["en"] != welcome["en"] {
			t.Errorf("the inject's texts: %v", byLang)
		}

		// A participant changes language: the next reads follow.
		if r := e.do(req{method: "PUT", path: base + "/language", bearer: tok["valdoria"], body: map[string]string{"language": "fr"}}); r.status != http.StatusNoContent {
			t.Fatalf("change language: %d %s", r.status, r.raw)
		}
		injects := e.do(req{method: "GET", path: base + "/injects", bearer: tok["valdoria"]}).json["injects"].([]any)
		if got := injects[0].(map[string]any)["title"]; got != welcome["fr"] {
			t.Errorf("after the change, Valdoria reads %q", got)
		}
		ex := e.do(req{method: "GET", path: base, bearer: tok["valdoria"]}).json["exercise"].(map[string]any)
		if ex["viewer"].(map[string]any)["language"] != "fr" || len(ex["scenario"].(map[string]any)["languages"].([]any)) != 6 {
			t.Errorf("the exercise shows viewer %v, languages %v", ex["viewer"], ex["scenario"].(map[string]any)["languages"])
		}
		r := e.do(req{method: "PUT", path: base + "/language", bearer: tok["valdoria"], body: map[string]string{"language": "xx"}})
		expectError(t, r, http.StatusUnprocessableEntity, "validation_failed")
	})
}

// The report of an exercise read in Russian has the scenario's criteria,
// questions and injects in Russian.
func TestReportInRussian(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		ru := e.do(req{method: "POST", path: "/api/v1/join", body: map[string]string{"code": codes["esterra"], "name": "Делегат", "language": "ru"}})
		tok := ru.json["token"].(string)
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d", r.status)
		}
		e.tick()
		if r := e.do(req{method: "PUT", path: base + "/answers/getting-started/gs-q1", bearer: tok, body: map[string]string{"text": "Все читают вводные."}}); r.status != http.StatusNoContent {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		report := e.do(req{method: "GET", path: base + "/report?lang=ru", bearer: fac}).json["report"].(map[string]any)
		if report["language"] != "ru" {
			t.Errorf("the report is in %v", report["language"])
		}
		criteria := report["exercise"].(map[string]any)["criteria"].([]any)
		if got, want := criteria[0].(map[string]any)["title"], bundledText(t, "tutorial-first-contact", "ru", "rubric.criteria.comm-check.title"); got != want {
			t.Errorf("criterion %q, want %q", got, want)
		}
		answers := report["answers"].([]any)
		if len(answers) == 0 || answers[0].(map[string]any)["question_text"] != bundledText(t, "tutorial-first-contact", "ru", "phases.getting-started.questions.gs-q1.text") {
			t.Errorf("answers %v", answers)
		}
		found := false
		for _, en := range report["timeline"].([]any) {
			entry := en.(map[string]any)
			if entry["kind"] == "inject" && entry["title"] == bundledText(t, "tutorial-first-contact", "ru", "injects.welcome.title") {
				found = true
			}
		}
		if !found {
			t.Errorf("no inject of the timeline is in Russian: %v", report["timeline"])
		}
		en := e.do(req{method: "GET", path: base + "/report?lang=en", bearer: fac}).json["report"].(map[string]any)
		if c := en["exercise"].(map[string]any)["criteria"].([]any)[0].(map[string]any)["title"]; c != "Answer to the communication check" {
			t.Errorf("the English report has %q", c)
		}
	})
}
