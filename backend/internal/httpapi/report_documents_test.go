package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

// The printed report, read back with the real readers: pandoc finds the
// scorecards and the improvement plan in the .docx; a team's PDF holds its
// own copy only — no other team's private inject, message or assessment;
// the Russian report is in Cyrillic; the workshop's classification line
// heads the pages.
func TestReportDocuments(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, _, wid := e.playedAndPublished("Republic of Realia")
		if r := e.do(req{method: "PATCH", path: fmt.Sprintf("/api/v1/workshops/%d", wid), bearer: e.adminToken(), body: map[string]any{
			"classification": "For workshop participants only", "organiser": "OSCE Transnational Threats Department", "place": "Vienna"}}); r.status != http.StatusOK {
			t.Fatalf("workshop settings: %d %s", r.status, r.raw)
		}
		for _, w := range []req{
			{method: "POST", path: base + "/improvements", body: map[string]any{"recommendation": "Exercise the hotline every quarter", "cbm": "8", "owner": "CERTs"}},
			{method: "POST", path: base + "/notes", body: map[string]string{"text": "Valdoria hesitated before calling"}},
		} {
			w.bearer = fac
			if r := e.do(w); r.status >= 300 {
				t.Fatalf("%s: %d %s", w.path, r.status, r.raw)
			}
		}

		docx := e.do(req{method: "GET", path: base + "/report.docx", bearer: fac})
		if docx.status != http.StatusOK || docx.header.Get("Content-Type") != docxType ||
			!strings.Contains(docx.header.Get("Content-Disposition"), `filename=after-action-report-`) {
			t.Fatalf("report.docx: %d %v", docx.status, docx.header)
		}
		text := readertest.DocxText(t, docx.raw)
		for _, want := range []string{"After-action report", "Vienna workshop", "Scorecards", "Republic of Valdoria", "A clear first message",
			"Reached Esterra's point of contact within minutes.", "Improvement plan", "Exercise the hotline every quarter", "CERTs",
			"CBM use by team", "Valdoria hesitated before calling", "OSCE Transnational Threats Department", "How the figures are measured"} {
			if !strings.Contains(text, want) {
				t.Errorf("pandoc does not find %q in the staff's .docx report", want)
			}
		}
		if strings.Contains(text, "Realia") {
			t.Error("the non-attributive report names the delegation")
		}

		staffPDF := e.do(req{method: "GET", path: base + "/report.pdf", bearer: fac})
		if staffPDF.status != http.StatusOK || staffPDF.header.Get("Content-Type") != "application/pdf" {
			t.Fatalf("report.pdf: %d %v", staffPDF.status, staffPDF.header)
		}
		staffText := readertest.PDFText(t, staffPDF.raw)
		secret := []string{"VAL-CERT: phishing wave against ministries", "Phishing servers", "Reached Esterra's point of contact", "Valdoria hesitated"}
		for _, s := range secret {
			if !strings.Contains(staffText, s) {
				t.Fatalf("the staff's PDF should hold %q (or the check below proves nothing):\n%s", s, staffText)
			}
		}
		if !strings.Contains(staffText, "For workshop participants only") {
			t.Error("the staff's PDF lacks the classification line")
		}

		// Norhaven received neither Valdoria's inject nor the Valdoria–Esterra exchange.
		kestria := e.do(req{method: "GET", path: base + "/report.pdf", bearer: tok["norhaven"]})
		if kestria.status != http.StatusOK {
			t.Fatalf("Norhaven's report.pdf: %d %s", kestria.status, kestria.raw)
		}
		ktext := readertest.PDFText(t, kestria.raw)
		for _, s := range secret {
			if strings.Contains(ktext, s) {
				t.Errorf("Norhaven's PDF report holds %q", s)
			}
		}
		if !strings.Contains(ktext, "Exercise the hotline every quarter") || !strings.Contains(ktext, "For workshop participants only") {
			t.Error("Norhaven's PDF should hold the common parts and the classification line")
		}
		// Valdoria's own copy holds its own inject and assessment.
		vtext := readertest.DocxText(t, e.do(req{method: "GET", path: base + "/report.docx", bearer: tok["valdoria"]}).raw)
		if !strings.Contains(vtext, "Reached Esterra's point of contact") || strings.Contains(vtext, "Valdoria hesitated") {
			t.Error("Valdoria's .docx should hold its own assessment and no facilitator observation")
		}

		ru := e.do(req{method: "GET", path: base + "/report.pdf?lang=ru", bearer: fac})
		if ru.status != http.StatusOK || !strings.Contains(ru.header.Get("Content-Disposition"), "-ru.pdf") {
			t.Fatalf("Russian report.pdf: %d %v", ru.status, ru.header)
		}
		rtext := readertest.PDFText(t, ru.raw)
		for _, want := range []string{"Итоговый отчёт", "План улучшений"} {
			if !strings.Contains(rtext, want) {
				t.Errorf("the Russian PDF lacks %q:\n%s", want, rtext)
			}
		}
	})
}

// Before publication a participant gets the report's refusal, as JSON, for
// the files too.
func TestReportDocumentsBeforePublication(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		_, base, tok, _ := e.threeTeams()
		e.clock.Advance(time.Minute)
		for _, ext := range []string{"pdf", "docx"} {
			expectError(t, e.do(req{method: "GET", path: base + "/report." + ext, bearer: tok["valdoria"]}), http.StatusForbidden, "report_not_published")
		}
	})
}
