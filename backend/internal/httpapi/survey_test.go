package httpapi

import (
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/document/readertest"
)

// Two participants join with their attendance details, the exercise ends,
// both answer the survey (once each; out-of-range values are 422); the
// staff's report carries the medians in its annex, the CSV has no names,
// the counts are counts, and each participant takes their own certificate.
func TestSurveyAttendanceAndCertificates(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, id, codes, _ := e.liveExercise()
		base := fmt.Sprintf("/api/v1/exercises/%d", id)
		wid := int64(e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)["workshop_id"].(float64))
		ws := fmt.Sprintf("/api/v1/workshops/%d", wid)
		if r := e.do(req{method: "PATCH", path: ws, bearer: e.adminToken(), body: map[string]any{"place": "Vienna", "organiser": "OSCE Secretariat"}}); r.status != http.StatusOK {
			t.Fatalf("workshop settings: %d %s", r.status, r.raw)
		}
		join := func(code string, body map[string]any) resp {
			body["code"] = code
			return e.do(req{method: "POST", path: "/api/v1/join", body: body})
		}
		bad := join(codes["valdoria"], map[string]any{"name": "Someone", "gender": "female"})
		expectError(t, bad, http.StatusUnprocessableEntity, "validation_failed")
		ana := join(codes["valdoria"], map[string]any{"name": "Анна Иванова", "organisation": "MFA", "function": "Desk officer", "gender": "woman", "language": "ru"})
		jean := join(codes["esterra"], map[string]any{"name": "Jean Dupont", "organisation": "National CERT", "gender": "undisclosed"})
		if ana.status != http.StatusOK || jean.status != http.StatusOK {
			t.Fatalf("join: %d %s / %d %s", ana.status, ana.raw, jean.status, jean.raw)
		}
		anaTok, jeanTok := ana.json["token"].(string), jean.json["token"].(string)
		if r := e.do(req{method: "GET", path: base + "/participants", bearer: fac}); len(r.json["participants"].([]any)) != 2 {
			t.Fatalf("a refused join left a participant: %s", r.raw)
		}

		// Before the end: asked nothing, no certificate.
		s := e.do(req{method: "GET", path: base + "/survey", bearer: anaTok})
		if s.json["open"] != false || s.json["pending"] != true {
			t.Fatalf("survey before the end: %s", s.raw)
		}
		expectError(t, e.do(req{method: "POST", path: base + "/survey", bearer: anaTok, body: map[string]any{"skip": true}}), http.StatusConflict, "exercise_not_ended")
		expectError(t, e.do(req{method: "GET", path: base + "/certificate.pdf", bearer: anaTok}), http.StatusConflict, "exercise_not_ended")
		if r := e.do(req{method: "POST", path: base + "/start", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("start: %d", r.status)
		}
		if r := e.do(req{method: "POST", path: base + "/end", bearer: fac}); r.status != http.StatusOK {
			t.Fatalf("end: %d", r.status)
		}

		s = e.do(req{method: "GET", path: base + "/survey", bearer: anaTok})
		qs := s.json["questions"].([]any)
		if s.json["open"] != true || len(qs) != 4 || qs[0].(map[string]any)["lang"] != "ru" || len(s.json["cbms"].([]any)) == 0 {
			t.Fatalf("survey after the end: %s", s.raw)
		}
		cbm := s.json["cbms"].([]any)[0].(map[string]any)["key"].(string)
		answer := func(tok string, use, before, after int, text string) resp {
			return e.do(req{method: "POST", path: base + "/survey", bearer: tok, body: map[string]any{"answers": map[string]any{
				"usefulness":        map[string]any{"value": use},
				"cbm_understanding": map[string]any{"cbms": map[string]any{cbm: map[string]any{"before": before, "after": after}}},
				"improve":           map[string]any{"text": text},
			}}})
		}
		expectError(t, answer(anaTok, 6, 2, 4, ""), http.StatusUnprocessableEntity, "validation_failed")
		expectError(t, answer(anaTok, 4, 0, 7, ""), http.StatusUnprocessableEntity, "validation_failed")
		if r := answer(anaTok, 4, 2, 4, "Больше времени на обсуждение"); r.status != http.StatusNoContent {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		expectError(t, answer(anaTok, 1, 1, 1, ""), http.StatusConflict, "survey_answered")
		if r := answer(jeanTok, 5, 1, 4, ""); r.status != http.StatusNoContent {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		if s := e.do(req{method: "GET", path: base + "/survey", bearer: jeanTok}); s.json["pending"] != false {
			t.Errorf("still pending after answering: %s", s.raw)
		}

		// The annex: medians of two answers (4 and 5 give 4.5).
		rep := e.do(req{method: "GET", path: base + "/report", bearer: fac})
		sum, _ := rep.json["survey"].(map[string]any)
		if sum == nil || sum["responses"] != float64(2) {
			t.Fatalf("report survey: %s", rep.raw)
		}
		use := sum["questions"].([]any)[0].(map[string]any)["scale"].(map[string]any)
		cbms := sum["questions"].([]any)[1].(map[string]any)["cbms"].([]any)[0].(map[string]any)
		if use["median"] != 4.5 || cbms["before"].(map[string]any)["median"] != 1.5 || cbms["after"].(map[string]any)["median"] != 4.0 {
			t.Errorf("medians: usefulness %v, CBM %v", use, cbms)
		}
		// The printed report's annex has the same figures; a team's copy has no annex.
		pdf := readertest.PDFText(t, e.do(req{method: "GET", path: base + "/report.pdf", bearer: fac}).raw)
		if !strings.Contains(pdf, "Annex: feedback survey") || !strings.Contains(pdf, "4.5") || !strings.Contains(pdf, "1.5") {
			t.Errorf("the staff's PDF report lacks the survey annex or its medians:\n%s", pdf)
		}
		if r := e.do(req{method: "GET", path: base + "/report.pdf", bearer: anaTok}); r.status == http.StatusOK &&
			strings.Contains(readertest.PDFText(t, r.raw), "feedback survey") {
			t.Error("a team's PDF report carries the survey annex")
		}
		csv := e.do(req{method: "GET", path: ws + "/survey.csv", bearer: fac})
		if csv.status != http.StatusOK || !strings.Contains(string(csv.raw), "Больше времени") || strings.Contains(string(csv.raw), "Анна") || strings.Contains(string(csv.raw), "Jean") {
			t.Errorf("survey CSV:\n%s", csv.raw)
		}

		// Attendance: the organiser's list names people; counts are counts.
		list := e.do(req{method: "GET", path: ws + "/attendance", bearer: fac})
		people := list.json["people"].([]any)
		if len(people) != 2 || people[0].(map[string]any)["organisation"] != "MFA" || people[0].(map[string]any)["gender"] != "woman" {
			t.Fatalf("attendance: %s", list.raw)
		}
		counts := e.do(req{method: "GET", path: ws + "/attendance/counts.csv", bearer: fac})
		if !strings.Contains(string(counts.raw), "gender,woman,1") || !strings.Contains(string(counts.raw), "gender,undisclosed,1") || strings.Contains(string(counts.raw), "Jean") {
			t.Errorf("counts CSV:\n%s", counts.raw)
		}

		// Certificates: the participant's own, and all of them for the organiser.
		own := e.do(req{method: "GET", path: base + "/certificate.pdf", bearer: anaTok})
		if own.status != http.StatusOK || !bytes.HasPrefix(own.raw, []byte("%PDF")) {
			t.Fatalf("certificate: %d", own.status)
		}
		if text := readertest.PDFText(t, own.raw); !strings.Contains(text, "Анна Иванова") || !strings.Contains(text, "Vienna workshop") ||
			!strings.Contains(text, "OSCE Secretariat") || !strings.Contains(text, "Vienna") || strings.Contains(text, "Jean") {
			t.Errorf("own certificate reads:\n%s", text)
		}
		all := e.do(req{method: "GET", path: ws + "/certificates.pdf", bearer: fac})
		if text := readertest.PDFText(t, all.raw); !strings.Contains(text, "Анна Иванова") || !strings.Contains(text, "Jean Dupont") || strings.Count(text, "\f") != 2 {
			t.Errorf("all certificates read:\n%s", text)
		}
	})
}
