package exercise_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// An organisation's team (the grid operators' association of grid-cascade)
// may not list a point of contact on a States-only channel: the directory
// would then offer the OSCE Communications Network to reach a company. A
// State may list one there, and the organisation may list the hotline.
func TestPoCRefusesStatesOnlyChannelForOrganisation(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRigFor(t, st, "grid-cascade")
		ctx := context.Background()
		r.clockDo("start")
		ngoa, halvena := r.teams["ngoa"].ID, r.teams["halvena"].ID
		saved := func(teamID int64) []exercise.PoCEntry {
			p, err := r.svc.Projection(ctx, r.ex.ID)
			if err != nil {
				t.Fatal(err)
			}
			return p.PoC[teamID].Entries
		}
		for _, ch := range []string{"osce_network", "diplomatic_note", "consultation_request"} {
			err := r.svc.SetPoC(ctx, r.ex.ID, ngoa, []exercise.PoCEntry{
				{Role: "policy", Name: "Nadia", Channel: "poc_hotline"},
				{Role: "technical", Name: "Control room", Channel: ch}}, "Nadia")
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != "validation_failed" || !strings.Contains(ae.Fields["entries"], "participating States") ||
				!strings.Contains(ae.Fields["entries"], "Point-of-contact hotline") {
				t.Fatalf("organisation's contact on %s: err = %v, want validation_failed naming the channels it may use", ch, err)
			}
		}
		if got := saved(ngoa); got != nil {
			t.Fatalf("entries stored after refused saves: %+v", got)
		}
		if err := r.svc.SetPoC(ctx, r.ex.ID, ngoa, []exercise.PoCEntry{{Role: "technical", Name: "Control room", Channel: "poc_hotline"}}, "Nadia"); err != nil {
			t.Fatalf("organisation's contact on the hotline: %v", err)
		}
		if err := r.svc.SetPoC(ctx, r.ex.ID, halvena, []exercise.PoCEntry{{Role: "policy", Name: "MFA desk", Channel: "osce_network"}}, "Hal"); err != nil {
			t.Fatalf("State's contact on the OSCE network: %v", err)
		}
		if got := saved(ngoa); len(got) != 1 || got[0].Channel != "poc_hotline" {
			t.Errorf("organisation's entries: %+v", got)
		}
	})
}
