package httpapi

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// aliasesYAML is a scenario file of nearly 1 MiB that is one alias after
// another, each a problem: it used to answer with 54 MB listing 330,002.
func aliasesYAML() string {
	var b strings.Builder
	b.WriteString("id: grid-cascade\nthemes: &a [x]\ntags:\n")
	for b.Len() < scenario.MaxFileSize-20 {
		b.WriteString("- *a\n")
	}
	return b.String()
}

// Every answer that lists a scenario's problems lists the first ones and
// one more saying how many were left out.
func TestScenarioProblemListsAreCapped(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *Deps) { d.BodyLimit = "2M" })
	fac := e.facilitatorToken()
	src := aliasesYAML()
	for _, call := range []struct {
		method, path string
		status       int
		key          string
	}{
		{"POST", "/api/v1/scenarios/validate", http.StatusOK, "problems"},
		{"POST", "/api/v1/scenarios", http.StatusUnprocessableEntity, "error"},
		{"PUT", "/api/v1/scenarios/grid-cascade", http.StatusUnprocessableEntity, "error"},
	} {
		t.Run(call.method+" "+call.path, func(t *testing.T) {
			r := e.do(req{method: call.method, path: call.path, bearer: fac, yaml: src})
			if r.status != call.status {
				t.Fatalf("status %d, want %d: %.300s", r.status, call.status, r.raw)
			}
			var probs []any
			if call.key == "error" {
				probs, _ = r.json["error"].(map[string]any)["problems"].([]any)
			} else {
				probs, _ = r.json["problems"].([]any)
			}
			if len(probs) != scenario.MaxProblems+1 || len(r.raw) > 64<<10 {
				t.Fatalf("%d problems in %d bytes, want %d", len(probs), len(r.raw), scenario.MaxProblems+1)
			}
			last := probs[scenario.MaxProblems].(map[string]any)["message"].(string)
			if !strings.Contains(last, "more problems from here on") {
				t.Errorf("last problem %q", last)
			}
		})
	}
}

// A NUL written as "\0" in a scenario file is refused with its line, on
// both dialects alike: PostgreSQL cannot store it in the scenario's title.
func TestScenarioWithNULIsRefused(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac := e.facilitatorToken()
		src := strings.Replace(bundledYAML(t, "grid-cascade.yaml"), "\nid: grid-cascade", "\nid: grid-nul", 1)
		src = regexp.MustCompile(`(?m)^title: .*$`).ReplaceAllString(src, `title: "Grid\0cascade"`)
		r := e.do(req{method: "POST", path: "/api/v1/scenarios", bearer: fac, yaml: src})
		expectError(t, r, http.StatusUnprocessableEntity, "invalid_scenario")
		if !strings.Contains(string(r.raw), "NUL") {
			t.Errorf("the refusal does not say why: %s", r.raw)
		}
	})
}
