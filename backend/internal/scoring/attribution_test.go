package scoring_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// A team staff renamed to its real delegation appears in the report under
// its role; the delegation appears only once the report is attributed, and
// then beside the role with the recorded reason.
func TestReportNamesRolesUnlessAttributed(t *testing.T) {
	sc, ex, teams, evs := syntheticLog(t)
	for i := range teams { // made from the scenario, as the engine makes them
		if st, ok := sc.Team(teams[i].Key); ok {
			teams[i].Name = st.Name
		}
	}
	teams[0].Name = "Republic of Realia" // the staff rename of the first team (halvena)
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	if r.Teams[0].Name != "Republic of Halvena" || r.Teams[0].Delegation != "" {
		t.Fatalf("first team: name %q, delegation %q", r.Teams[0].Name, r.Teams[0].Delegation)
	}
	if len(r.Roles) != 5 || r.Roles[0].Name != "Republic of Halvena" || r.Roles[4].Name != "extra-4" {
		t.Fatalf("roles: %+v", r.Roles)
	}
	r.Published = true
	for _, v := range []exercise.Viewer{{Staff: true}, {TeamID: 1}, {Observer: true}} {
		cp, err := r.For(v)
		if err != nil {
			t.Fatal(err)
		}
		if raw, _ := json.Marshal(cp); strings.Contains(string(raw), "Realia") {
			t.Fatalf("%+v reads the delegation in a non-attributive report", v)
		}
	}

	r.Attribute(&workshop.Attribution{Reason: "The delegations asked for their own results.", By: "Organiser", At: time.Unix(100, 0)})
	cp, err := r.For(exercise.Viewer{TeamID: 2})
	if err != nil {
		t.Fatal(err)
	}
	if cp.Attribution == nil || cp.Attribution.Reason == "" || cp.Roles[0].Delegation != "Republic of Realia" || cp.Roles[1].Delegation != "" {
		t.Fatalf("attributed copy: %+v, roles %+v", cp.Attribution, cp.Roles)
	}
	if r.Teams[0].Name != "Republic of Halvena" || r.Teams[0].Delegation != "Republic of Realia" {
		t.Fatalf("attributed scorecard: %q / %q", r.Teams[0].Name, r.Teams[0].Delegation)
	}
}

// Attributing with no attribution changes nothing.
func TestAttributeNilKeepsTheReportNonAttributive(t *testing.T) {
	sc, ex, teams, evs := syntheticLog(t)
	teams[1].Name = "Republic of Realia"
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	r.Attribute(nil)
	if raw, _ := json.Marshal(r); r.Attribution != nil || strings.Contains(string(raw), "Realia") {
		t.Fatal("a nil attribution named the delegation")
	}
}
