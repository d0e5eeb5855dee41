package httpapi

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Before play, each delegation confirms its real points of contact on its
// own page (no account); the organisers see who confirmed and when; a
// delegation reads the others' entries only where they shared them.
func TestContactCheckRecordsConfirmations(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		admin := e.adminToken()
		r := e.do(req{method: "POST", path: "/api/v1/workshops", bearer: admin, body: map[string]any{"title": "Almaty workshop"}})
		if r.status != http.StatusCreated {
			t.Fatalf("workshop: %d %s", r.status, r.raw)
		}
		base := fmt.Sprintf("/api/v1/workshops/%v/contacts", r.json["workshop"].(map[string]any)["id"])
		codes := map[string]string{}
		for _, d := range []string{"Delegation A", "Delegation B", "Delegation C"} {
			c := e.do(req{method: "POST", path: base, bearer: admin, body: map[string]any{"delegation": d}})
			if c.status != http.StatusCreated {
				t.Fatalf("add %s: %d %s", d, c.status, c.raw)
			}
			codes[d] = strings.TrimPrefix(c.json["contact"].(map[string]any)["path"].(string), "/contact-check/")
		}
		page := "/api/v1/contact-check/"
		a := e.do(req{method: "PUT", path: page + codes["Delegation A"], body: map[string]any{
			"policy": "Ms Ana Ivanova, MFA cyber desk, +43 1 000 000", "technical": "National CERT duty officer", "shared": true}})
		if a.status != http.StatusOK || a.json["confirmed_at"] == nil {
			t.Fatalf("A confirms: %d %s", a.status, a.raw)
		}
		if b := e.do(req{method: "PUT", path: page + codes["Delegation B"], body: map[string]any{"technical": "CERT-B, 24/7"}}); b.status != http.StatusOK {
			t.Fatalf("B confirms: %d %s", b.status, b.raw)
		}
		empty := e.do(req{method: "PUT", path: page + codes["Delegation C"], body: map[string]any{"policy": "  "}})
		expectError(t, empty, http.StatusUnprocessableEntity, "validation_failed")

		list := e.do(req{method: "GET", path: base, bearer: admin}).json["contacts"].([]any)
		confirmed := map[string]bool{}
		for _, it := range list {
			c := it.(map[string]any)
			confirmed[c["delegation"].(string)] = c["confirmed_at"] != nil
		}
		if !confirmed["Delegation A"] || !confirmed["Delegation B"] || confirmed["Delegation C"] {
			t.Errorf("the organisers see confirmations %v", confirmed)
		}

		// C reads A's shared entry, not B's unshared one; B reads A's.
		c := e.do(req{method: "GET", path: page + codes["Delegation C"]}).json
		others := c["others"].([]any)
		if len(others) != 1 || others[0].(map[string]any)["delegation"] != "Delegation A" || c["workshop"] != "Almaty workshop" {
			t.Errorf("C's page shows %v", c)
		}
		if r := e.do(req{method: "GET", path: page + "no-such-code"}); r.status != http.StatusNotFound {
			t.Errorf("an unknown code: %d", r.status)
		}
	})
}
