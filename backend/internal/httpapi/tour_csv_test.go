package httpapi

import (
	"encoding/csv"
	"net/http"
	"strings"
	"testing"
	"time"
)

// The report's CSV export has the tours de table (part=tour): per phase the
// delegations in the speaking order, when each took the floor, how long it
// spoke and how often, and its statement. Statements follow the report's
// visibility: a tour still open at the end keeps each team's words its own,
// so Valdoria's copy has its statement and not Esterra's; staff see both.
func TestReportCSVTourDeTable(t *testing.T) {
	onBoth(t, func(t *testing.T, e *env) {
		fac, base, tok, ids := e.threeTeams()
		phase := base + "/phases/getting-started"
		must := func(r resp, want int) resp {
			t.Helper()
			if r.status != want {
				t.Fatalf("%d %s (want %d)", r.status, r.raw, want)
			}
			return r
		}
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["valdoria"],
			body: map[string]any{"text": "Valdoria will share indicators through its point of contact."}}), 204)
		must(e.do(req{method: "PUT", path: phase + "/statement", bearer: tok["esterra"],
			body: map[string]any{"text": "Esterra will investigate the servers."}}), 204)
		must(e.do(req{method: "POST", path: phase + "/tour", bearer: fac,
			body: map[string]any{"order": []int64{ids["norhaven"], ids["valdoria"], ids["esterra"]}, "seconds": 120}}), 204)
		e.clock.Advance(150 * time.Second)
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 204)
		e.clock.Advance(90 * time.Second)
		must(e.do(req{method: "POST", path: phase + "/tour/next", bearer: fac}), 204)
		e.clock.Advance(60 * time.Second)
		must(e.do(req{method: "POST", path: base + "/end", bearer: fac}), 200) // Esterra still has the floor
		must(e.do(req{method: "POST", path: base + "/report/publish", bearer: fac}), 204)

		read := func(token string) []map[string]string {
			t.Helper()
			r := must(e.do(req{method: "GET", path: base + "/report.csv?part=tour", bearer: token}), 200)
			if cd := r.header.Get("Content-Disposition"); !strings.Contains(cd, "tour-de-table") {
				t.Errorf("Content-Disposition %q", cd)
			}
			rows, err := csv.NewReader(strings.NewReader(string(r.raw))).ReadAll()
			if err != nil {
				t.Fatalf("csv: %v\n%s", err, r.raw)
			}
			var out []map[string]string
			for _, row := range rows[1:] {
				m := map[string]string{}
				for i, h := range rows[0] {
					m[h] = row[i]
				}
				out = append(out, m)
			}
			return out
		}
		staff := read(fac)
		if len(staff) != 3 {
			t.Fatalf("staff rows: %v", staff)
		}
		var teams, spoke, turns []string
		for _, r := range staff {
			teams, spoke, turns = append(teams, r["position"]+" "+r["team"]), append(spoke, r["spoke for (s)"]), append(turns, r["times given the floor"])
			if r["phase"] != "Getting started" || r["time per delegation (s)"] != "120" {
				t.Errorf("row: %v", r)
			}
		}
		for i, want := range []string{"1 Norhaven", "2 Valdoria", "3 Esterra"} {
			if n := strings.Fields(want); !strings.HasPrefix(teams[i], n[0]+" ") || !strings.Contains(teams[i], n[1]) {
				t.Errorf("speaker %d: %q, want %s", i+1, teams[i], want)
			}
		}
		// Norhaven ran over by half a minute; Esterra's turn was still under way at the end.
		if strings.Join(spoke, ",") != "150,90," || strings.Join(turns, ",") != "1,1,1" {
			t.Errorf("spoke for %v, turns %v", spoke, turns)
		}
		if at := staff[1]["took the floor at (s)"]; at == "" || staff[2]["took the floor at (s)"] == "" {
			t.Errorf("floor times: %v", staff)
		}
		if !strings.Contains(staff[1]["statement"], "Valdoria will share") || !strings.Contains(staff[2]["statement"], "Esterra will investigate") ||
			staff[0]["statement"] != "" {
			t.Errorf("staff statements: %v", staff)
		}
		mine := read(tok["valdoria"])
		if len(mine) != 3 || !strings.Contains(mine[1]["statement"], "Valdoria will share") || mine[2]["statement"] != "" {
			t.Errorf("Valdoria's copy: %v", mine)
		}
		r := e.do(req{method: "GET", path: base + "/report.csv?part=gossip", bearer: fac})
		if r.status != http.StatusUnprocessableEntity {
			t.Errorf("bad part: %d %s", r.status, r.raw)
		}
	})
}
