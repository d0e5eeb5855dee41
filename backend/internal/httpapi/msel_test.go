package httpapi

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

func (e *env) raw(method, path, bearer, ctype string, body []byte) resp {
	e.t.Helper()
	hr, _ := http.NewRequest(method, e.srv.URL+path, bytes.NewReader(body))
	hr.Header.Set("Authorization", "Bearer "+bearer)
	hr.Header.Set("Content-Type", ctype)
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	r := resp{status: res.StatusCode, header: res.Header, raw: buf.Bytes()}
	_ = json.Unmarshal(r.raw, &r.json)
	return r
}

// Exporting a scenario's MSEL and importing it back adds no version; a
// spreadsheet with bad rows is refused whole, naming the rows.
func TestMSELRoundTripAndRefusal(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	fac := e.facilitatorToken()
	r := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade/msel.xlsx", bearer: fac})
	if r.status != http.StatusOK || !strings.HasPrefix(string(r.raw), "PK") {
		t.Fatalf("export: %d %q", r.status, r.raw[:min(20, len(r.raw))])
	}
	back := e.raw("POST", "/api/v1/scenarios/grid-cascade/msel?filename=grid.xlsx", fac, xlsxType, r.raw)
	if back.status != http.StatusOK || back.json["created"] != false {
		t.Fatalf("round trip: %d %s", back.status, back.raw)
	}
	csv := "Time,Title,Body,To\n0:05,Fine,A body,all\ntomorrow,Broken,Another,all\n0:10,,No title,nobody\n"
	bad := e.raw("POST", "/api/v1/scenarios/grid-cascade/msel?filename=msel.csv", fac, "text/csv", []byte(csv))
	expectError(t, bad, http.StatusUnprocessableEntity, "invalid_msel")
	probs := bad.json["error"].(map[string]any)["problems"].([]any)
	rows := map[float64]bool{}
	for _, p := range probs {
		rows[p.(map[string]any)["row"].(float64)] = true
	}
	if !rows[3] || !rows[4] || rows[2] {
		t.Fatalf("refused rows %v, want 3 and 4 only: %s", rows, bad.raw)
	}
	vs := e.do(req{method: "GET", path: "/api/v1/scenarios/grid-cascade", bearer: fac}).json["versions"].([]any)
	if len(vs) != 1 {
		t.Fatalf("%d versions after a round trip and a refused import, want 1", len(vs))
	}
}
