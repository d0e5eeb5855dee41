package exercise_test

import (
	"context"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// Every tag a message carries says where it came from: kept from the
// channel's or the request kind's suggestions, ticked by the sender, taken
// over from the request an answer answers, or added by a facilitator.
func TestTagSources(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.clockDo("start")
		ex, teams, err := r.svc.Get(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		val, est := r.teams["valdoria"].ID, r.teams["esterra"].ID
		req, err := r.svc.Send(ctx, ex, teams, exercise.Sender{TeamID: val, Name: "Vera"}, exercise.Outgoing{
			To: []int64{est}, Channel: "poc_hotline", Subject: "Help", Body: "Please take the server down.",
			CBMs: []string{"8", "13", "16"}, Kind: "assistance"})
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]string{"8": exercise.TagByChannel, "13": exercise.TagByKind, "16": exercise.TagBySender}
		for c, src := range want {
			if got := req.TagSource(c); got != src {
				t.Errorf("request tag %s: source %q, want %q", c, got, src)
			}
		}
		if _, err := r.svc.UpdateRequest(ctx, r.ex.ID, req.Seq, exercise.Sender{TeamID: est, Name: "Emil"}, "answered", "Done."); err != nil {
			t.Fatal(err)
		}
		if err := r.svc.Retag(ctx, r.ex.ID, req.Seq, []string{"8", "2"}, "Facilitator"); err != nil {
			t.Fatal(err)
		}
		p, err := r.svc.Projection(ctx, r.ex.ID)
		if err != nil {
			t.Fatal(err)
		}
		m := p.Mail[req.Seq]
		if got := m.TagSource("2"); got != exercise.TagByFacilitator {
			t.Errorf("corrected tag 2: source %q", got)
		}
		if got := m.TagSource("8"); got != exercise.TagByChannel {
			t.Errorf("kept tag 8: source %q after the correction", got)
		}
		var answer *exercise.Message
		for _, seq := range p.MailOrder {
			if p.Mail[seq].ReplyTo == req.Seq {
				answer = p.Mail[seq]
			}
		}
		if answer == nil || answer.TagSource("13") != exercise.TagByRequest {
			t.Fatalf("answer = %+v", answer)
		}
	})
}
