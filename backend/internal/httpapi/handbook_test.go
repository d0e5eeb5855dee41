package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// A team's situation manual holds its briefing and not another team's;
// read in Russian it holds the Russian briefing.
func TestSituationManualDownload(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	r := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/manual/halvena.pdf", bearer: fac})
	if r.status != http.StatusOK || r.header.Get("Content-Type") != pdfType {
		t.Fatalf("manual: %d %s", r.status, r.header.Get("Content-Type"))
	}
	if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "grid-cascade-manual-halvena.pdf") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	text := strings.Join(strings.Fields(readertest.PDFText(t, r.raw)), " ")
	if !strings.Contains(text, "You play the Republic of Halvena") {
		t.Errorf("Halvena's manual lacks its briefing:\n%.1500s", text)
	}
	if strings.Contains(text, "You play the Federal Republic of Marrovia") {
		t.Error("Halvena's manual holds Marrovia's briefing")
	}

	ru := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/manual/halvena.pdf?lang=ru", bearer: fac})
	if ru.status != http.StatusOK {
		t.Fatalf("manual in Russian: %d %s", ru.status, ru.raw)
	}
	if cd := ru.header.Get("Content-Disposition"); !strings.Contains(cd, "grid-cascade-manual-halvena-ru.pdf") {
		t.Errorf("Content-Disposition = %q", cd)
	}
	if text := strings.Join(strings.Fields(readertest.PDFText(t, ru.raw)), " "); !strings.Contains(text, "Вы выступаете в роли Республики Халвена") {
		t.Errorf("the Russian manual lacks the Cyrillic briefing:\n%.1500s", text)
	}
}

func TestHandbookRefusals(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/manual/atlantis.pdf", bearer: fac}), http.StatusNotFound, "not_found")
	expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/manual/halvena.docx", bearer: fac}), http.StatusNotFound, "not_found")
	expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios/no-such-scenario/guide.pdf", bearer: fac}), http.StatusNotFound, "not_found")
	// grid-cascade is in English and Russian only.
	for _, path := range []string{"/manual/halvena.pdf?lang=fr", "/guide.pdf?lang=fr", "/guide.docx?lang=klingon"} {
		r := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade" + path, bearer: fac})
		expectError(t, r, http.StatusUnprocessableEntity, "validation_failed")
	}
}

// The guide as Word reads back with pandoc: the MSEL rows and the
// expected actions are there.
func TestFacilitatorGuideDownloads(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	pdf := e.do(req{method: "GET", path: "/api/v1/scenarios/cable-cut/guide.pdf", bearer: fac})
	if pdf.status != http.StatusOK || pdf.header.Get("Content-Type") != pdfType {
		t.Fatalf("guide.pdf: %d %s", pdf.status, pdf.header.Get("Content-Type"))
	}
	r := e.do(req{method: "GET", path: "/api/v1/scenarios/cable-cut/guide.docx", bearer: fac})
	if r.status != http.StatusOK || r.header.Get("Content-Type") != docxType {
		t.Fatalf("guide.docx: %d %s", r.status, r.header.Get("Content-Type"))
	}
	text := strings.Join(strings.Fields(readertest.DocxText(t, r.raw)), " ")
	for _, want := range []string{
		"Master Scenario Events List (MSEL)",
		"Internet slows to a crawl across Kestria",                           // an inject's MSEL row
		"Consortium: repair ship still held",                                 // a contingency inject
		"Kestria's technical PoC contacts VESK-CSIRT to warn of the traffic", // an expected action
		"Triggers", "White cell: the simulated actors", "Rubric", "Stage questions",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the guide (.docx) lacks %q", want)
		}
	}
}

// In an exercise, a delegate prints their own team's manual in their
// language (the workshop's), with the workshop's classification line and
// name; another team's is not theirs to read. Staff print any team's.
func TestExerciseManual(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	me := e.do(req{method: "GET", path: "/api/v1/auth/me", bearer: fac}).json["user"].(map[string]any)
	w := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: e.adminToken(), body: map[string]any{
		"title": "Семинар в Вене", "facilitator_ids": []any{me["id"]}, "language": "ru", "starts_on": "2026-11-27",
		"place": "Вена", "classification": "Только для участников семинара в Вене"}})
	if w.status != http.StatusCreated {
		t.Fatalf("workshop: %d %s", w.status, w.raw)
	}
	x := e.do(req{method: "POST", path: "/api/v1/exercises", bearer: fac, body: map[string]any{
		"workshop_id": w.json["workshop"].(map[string]any)["id"], "scenario_id": "grid-cascade"}})
	ex := x.json["exercise"].(map[string]any)
	base := fmt.Sprintf("/api/v1/exercises/%d", int64(ex["id"].(float64)))
	var halvena string
	for _, tm := range ex["teams"].([]any) {
		if tm := tm.(map[string]any); tm["key"] == "halvena" {
			halvena = e.join(tm["join_code"].(string), "Delegate of Halvena")
		}
	}

	r := e.do(req{method: "GET", path: base + "/manual/halvena.pdf", bearer: halvena})
	if r.status != http.StatusOK {
		t.Fatalf("own manual: %d %s", r.status, r.raw)
	}
	text := strings.Join(strings.Fields(readertest.PDFText(t, r.raw)), " ")
	for _, want := range []string{"Только для участников семинара в Вене", "Семинар в Вене, 2026-11-27, Вена", "Вы выступаете в роли Республики Халвена"} {
		if !strings.Contains(text, want) {
			t.Errorf("the delegate's manual lacks %q:\n%.1200s", want, text)
		}
	}
	expectError(t, e.do(req{method: "GET", path: base + "/manual/marrovia.pdf", bearer: halvena}), http.StatusNotFound, "not_found")
	expectError(t, e.do(req{method: "GET", path: base + "/manual/halvena.pdf?lang=fr", bearer: halvena}), http.StatusUnprocessableEntity, "validation_failed")

	en := e.do(req{method: "GET", path: base + "/manual/marrovia.pdf?lang=en", bearer: fac})
	if en.status != http.StatusOK {
		t.Fatalf("staff: %d %s", en.status, en.raw)
	}
	if text := strings.Join(strings.Fields(readertest.PDFText(t, en.raw)), " "); !strings.Contains(text, "You play the Federal Republic of Marrovia") {
		t.Errorf("the staff's English copy of Marrovia's manual lacks its briefing:\n%.1200s", text)
	}
}
