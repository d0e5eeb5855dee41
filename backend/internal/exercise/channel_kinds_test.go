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

// The CBMs are measures between participating States: an organisation's
// team (the grid operators' association) may not write on the OSCE
// Communications Network, nor file a request there; a State may, and so may
// the control cell.
func TestChannelKinds(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRigFor(t, st, "grid-cascade")
		ctx := context.Background()
		r.clockDo("start")
		ex, teams, err := r.svc.Get(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		ngoa, halvena, marrovia := r.teams["ngoa"].ID, r.teams["halvena"].ID, r.teams["marrovia"].ID
		count := func() int {
			p, err := r.svc.Projection(ctx, r.ex.ID)
			if err != nil {
				t.Fatal(err)
			}
			return len(p.MailOrder)
		}
		before := count()
		for _, o := range []exercise.Outgoing{
			{To: []int64{halvena}, Channel: "osce_network", Subject: "Frequency", Body: "The grid is unstable."},
			{To: []int64{halvena}, Channel: "consultation_request", Subject: "Talks", Body: "Can we talk?", Kind: "consultation"},
			{To: []int64{halvena}, Channel: "diplomatic_note", Subject: "Note", Body: "A note.", Kind: "information"},
		} {
			_, err := r.svc.Send(ctx, ex, teams, exercise.Sender{TeamID: ngoa, Name: "Nadia"}, o)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Code != "validation_failed" || !strings.Contains(ae.Fields["channel"], "participating States") {
				t.Fatalf("organisation on %s: err = %v, want validation_failed naming the channel", o.Channel, err)
			}
		}
		if got := count(); got != before {
			t.Fatalf("%d messages stored after refused sends, want %d", got, before)
		}
		if _, err := r.svc.Send(ctx, ex, teams, exercise.Sender{TeamID: ngoa, Name: "Nadia"}, exercise.Outgoing{
			To: []int64{halvena}, Channel: "poc_hotline", Subject: "Frequency", Body: "The grid is unstable."}); err != nil {
			t.Fatalf("organisation on the hotline: %v", err)
		}
		if _, err := r.svc.Send(ctx, ex, teams, exercise.Sender{TeamID: marrovia, Name: "Mara"}, exercise.Outgoing{
			To: []int64{halvena}, Channel: "osce_network", Subject: "Frequency", Body: "The grid is unstable."}); err != nil {
			t.Fatalf("State on the OSCE network: %v", err)
		}
		if _, err := r.svc.Send(ctx, ex, teams, exercise.Sender{Name: "Facilitator"}, exercise.Outgoing{
			To: []int64{ngoa}, Channel: "osce_network", Subject: "Reminder", Body: "The network exists."}); err != nil {
			t.Fatalf("control cell on the OSCE network: %v", err)
		}
		if got := count(); got != before+3 {
			t.Errorf("%d messages stored, want %d", got, before+3)
		}
	})
}
