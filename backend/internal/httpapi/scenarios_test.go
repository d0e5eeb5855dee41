package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/scenarios"
)

func bundledYAML(t *testing.T, name string) string {
	t.Helper()
	b, err := scenarios.FS.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestScenarioLibraryAPI(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac := e.facilitatorToken()
		list := func(query string) []any {
			r := e.do(req{method: "GET", path: "/api/v1/scenarios" + query, bearer: fac})
			if r.status != http.StatusOK {
				t.Fatalf("list: %d %s", r.status, r.raw)
			}
			return r.json["scenarios"].([]any)
		}
		if n := len(list("")); n < 7 {
			t.Fatalf("library has %d scenarios after first start, want the 7 bundled", n)
		}
		if n := len(list("?max_minutes=20")); n != 1 {
			t.Fatalf("scenarios up to 20 minutes: %d, want 1", n)
		}

		// A broken file: 422 with every problem's line and column, nothing stored.
		src := bundledYAML(t, "tutorial-first-contact.yaml")
		broken := strings.Replace(strings.Replace(src, "id: tutorial-first-contact", "id: my-copy", 1), "duration: 15m", "duration: soon", 1)
		r := e.do(req{method: "POST", path: "/api/v1/scenarios?filename=my-copy.yaml", bearer: fac, yaml: broken})
		expectError(t, r, http.StatusUnprocessableEntity, "invalid_scenario")
		probs := r.json["error"].(map[string]any)["problems"].([]any)
		p0 := probs[0].(map[string]any)
		wantLine := float64(1 + strings.Count(broken[:strings.Index(broken, "duration: soon")], "\n"))
		if p0["file"] != "my-copy.yaml" || p0["line"] != wantLine || p0["column"] != float64(11) {
			t.Fatalf("first problem %v, want my-copy.yaml line %v column 11", p0, wantLine)
		}
		if n := len(list("")); n != 7 {
			t.Fatalf("a refused file was stored: %d scenarios", n)
		}

		copySrc := strings.Replace(src, "id: tutorial-first-contact", "id: my-copy", 1)
		r = e.do(req{method: "POST", path: "/api/v1/scenarios", bearer: fac, yaml: copySrc})
		if r.status != http.StatusCreated || r.json["scenario"].(map[string]any)["version"] != float64(1) {
			t.Fatalf("create: %d %s", r.status, r.raw)
		}
		expectError(t, e.do(req{method: "POST", path: "/api/v1/scenarios", bearer: fac, yaml: copySrc}), http.StatusConflict, "scenario_exists")
		expectError(t, e.do(req{method: "POST", path: "/api/v1/scenarios", bearer: fac, body: map[string]string{"yaml": copySrc}}),
			http.StatusUnsupportedMediaType, "unsupported_media_type")

		v2 := strings.Replace(copySrc, "\nversion: 1\n", "\nversion: 2\n", 1)
		r = e.do(req{method: "PUT", path: "/api/v1/scenarios/my-copy", bearer: fac, yaml: v2})
		if r.status != http.StatusCreated || r.json["scenario"].(map[string]any)["version"] != float64(2) {
			t.Fatalf("new version: %d %s", r.status, r.raw)
		}
		if r := e.do(req{method: "PUT", path: "/api/v1/scenarios/my-copy", bearer: fac, yaml: v2}); r.status != http.StatusOK || r.json["created"] != false {
			t.Fatalf("unchanged save: %d %s", r.status, r.raw)
		}

		r = e.do(req{method: "GET", path: "/api/v1/scenarios/my-copy?version=1", bearer: fac})
		if r.status != http.StatusOK || r.json["source"] != copySrc || len(r.json["versions"].([]any)) != 2 {
			t.Fatalf("get version 1: %d (source equal: %v)", r.status, r.json["source"] == copySrc)
		}
		parsed := r.json["parsed"].(map[string]any)
		if len(parsed["teams"].([]any)) != 3 || parsed["duration_seconds"] != float64(900) {
			t.Fatalf("parsed form: teams %v, duration %v", parsed["teams"], parsed["duration_seconds"])
		}
		r = e.do(req{method: "GET", path: "/api/v1/scenarios/my-copy/export", bearer: fac})
		if r.status != http.StatusOK || string(r.raw) != v2 || !strings.Contains(r.header.Get("Content-Disposition"), "my-copy.yaml") {
			t.Fatalf("export: %d %q", r.status, r.header.Get("Content-Disposition"))
		}
		expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios/no-such-scenario", bearer: fac}), http.StatusNotFound, "not_found")
		expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios/my-copy?version=9", bearer: fac}), http.StatusNotFound, "not_found")
	})
}

func TestScenarioValidateEndpoint(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	r := e.do(req{method: "POST", path: "/api/v1/scenarios/validate", bearer: fac, yaml: "id: x\ntitel: typo\n"})
	if r.status != http.StatusOK || r.json["valid"] != false || len(r.json["problems"].([]any)) == 0 {
		t.Fatalf("validate broken: %d %s", r.status, r.raw)
	}
	r = e.do(req{method: "POST", path: "/api/v1/scenarios/validate", bearer: fac, yaml: bundledYAML(t, "grid-cascade.yaml")})
	if r.status != http.StatusOK || r.json["valid"] != true || r.json["parsed"] == nil {
		t.Fatalf("validate good: %d %s", r.status, r.raw)
	}
}

func TestParticipantsSeeCBMsButNotTheLibrary(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	tok, _, err := e.auth.IssueParticipant(context.Background(), 1, 1)
	if err != nil {
		t.Fatal(err)
	}
	r := e.do(req{method: "GET", path: "/api/v1/cbms", bearer: tok})
	cats, _ := r.json["catalogues"].([]any)
	if r.status != http.StatusOK || len(cats) < 2 {
		t.Fatalf("cbms: %d %s", r.status, r.raw)
	}
	osce := cats[0].(map[string]any)
	if osce["id"] != "osce-ict-cbms" || len(osce["items"].([]any)) != 16 {
		t.Fatalf("first catalogue: %v with %d items", osce["id"], len(osce["items"].([]any)))
	}
	expectError(t, e.do(req{method: "GET", path: "/api/v1/scenarios", bearer: tok}), http.StatusForbidden, "forbidden")
}

func (e *env) facilitatorToken() string {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/api/v1/users", bearer: e.adminToken(),
		body: map[string]string{"email": "facilitator@example.org", "role": "facilitator", "password": facilitatorPwd}})
	if r.status != http.StatusCreated {
		e.t.Fatalf("create facilitator: %d %s", r.status, r.raw)
	}
	tok, _ := e.login("facilitator@example.org", facilitatorPwd)
	return tok
}
