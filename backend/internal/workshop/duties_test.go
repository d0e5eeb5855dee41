package workshop_test

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// Every act against every duty: L lead, C controller, E evaluator; a dash
// is a refusal.
func TestDutyPolicy(t *testing.T) {
	want := map[workshop.Act]string{
		workshop.ActCreateExercise: "LC-",
		workshop.ActClock:          "LC-",
		workshop.ActInject:         "LC-",
		workshop.ActAdHocInject:    "LC-",
		workshop.ActTrigger:        "LC-",
		workshop.ActPhase:          "LC-",
		workshop.ActTour:           "LC-",
		workshop.ActControlCell:    "LC-",
		workshop.ActCommCheck:      "LC-",
		workshop.ActTeam:           "LC-",
		workshop.ActParticipant:    "LC-",
		workshop.ActNote:           "LCE",
		workshop.ActScore:          "L-E",
		workshop.ActAssess:         "L-E",
		workshop.ActImprovement:    "L-E",
		workshop.ActRetag:          "L-E",
		workshop.ActEvidence:       "L-E",
		workshop.ActPublish:        "L-E",
	}
	letters := map[workshop.Duty]byte{workshop.DutyLead: 'L', workshop.DutyController: 'C', workshop.DutyEvaluator: 'E'}
	for act, row := range want {
		for i, d := range workshop.Duties {
			err := workshop.Allow(d, act)
			if allowed := row[i] == letters[d]; allowed != (err == nil) {
				t.Errorf("%s as %s: allowed %v, want %v (%v)", act, d, err == nil, allowed, err)
			}
		}
		if len(workshop.DutiesFor(act)) == 0 {
			t.Errorf("%s is not in the table", act)
		}
	}
	for _, act := range workshop.Acts() {
		if _, ok := want[act]; !ok {
			t.Errorf("%s has no row in this test", act)
		}
	}
	// An act the table does not name is refused to everyone.
	if workshop.Allow(workshop.DutyLead, workshop.Act("unknown")) == nil {
		t.Error("an act outside the table is allowed")
	}
}

// A refusal is a 403 that says which duty may do it.
func TestDutyRefusalNamesTheDuty(t *testing.T) {
	err := workshop.Allow(workshop.DutyController, workshop.ActScore)
	e, ok := apperr.As(err)
	if !ok || e.Status != http.StatusForbidden || e.Code != "duty_not_allowed" {
		t.Fatalf("got %v", err)
	}
	if !strings.Contains(e.Message, "the lead facilitator or an evaluator") || !strings.Contains(e.Message, "you are a controller") {
		t.Fatalf("message: %q", e.Message)
	}
	e, _ = apperr.As(workshop.Allow(workshop.DutyEvaluator, workshop.ActClock))
	if !strings.Contains(e.Message, "the lead facilitator or a controller") {
		t.Fatalf("message: %q", e.Message)
	}
}

// Admins act as leads whatever duty they were given; assigned
// facilitators have theirs (lead when none was recorded); others none.
func TestStaffDuty(t *testing.T) {
	w := &workshop.Workshop{FacilitatorIDs: []int64{1, 2, 3, 4},
		Duties: map[int64]workshop.Duty{2: workshop.DutyController, 3: workshop.DutyEvaluator, 4: workshop.DutyEvaluator}}
	fac := func(id int64) *auth.Principal {
		return &auth.Principal{Role: auth.RoleFacilitator, User: &auth.User{ID: id}}
	}
	cases := []struct {
		p    *auth.Principal
		duty workshop.Duty
		ok   bool
	}{
		{fac(1), workshop.DutyLead, true},
		{fac(2), workshop.DutyController, true},
		{fac(3), workshop.DutyEvaluator, true},
		{fac(9), "", false},
		{&auth.Principal{Role: auth.RoleAdmin, User: &auth.User{ID: 4}}, workshop.DutyLead, true},
		{&auth.Principal{Role: auth.RoleParticipant, TeamID: 1}, "", false},
		{nil, "", false},
	}
	for i, c := range cases {
		if d, ok := w.StaffDuty(c.p); d != c.duty || ok != c.ok {
			t.Errorf("case %d: %q %v, want %q %v", i, d, ok, c.duty, c.ok)
		}
	}
}
