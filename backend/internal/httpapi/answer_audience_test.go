package httpapi

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// Draft answers written before observers were kept from them carry a plain
// team audience; migration 7 marks them internal, so an observer's log does
// not hold them after an upgrade either.
func TestMigrationHidesOldDraftAnswersFromObservers(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		fac, base, tok, _ := e.threeTeams()
		ex := e.do(req{method: "GET", path: base, bearer: fac}).json["exercise"].(map[string]any)
		id := int64(ex["id"].(float64))
		observer := e.join(ex["observer_code"].(string), "Olga")
		if r := e.do(req{method: "PUT", path: base + "/answers/getting-started/gs-q1", bearer: tok["valdoria"],
			body: map[string]any{"text": "DRAFT", "submit": true}}); r.status != http.StatusNoContent {
			t.Fatalf("answer: %d %s", r.status, r.raw)
		}
		ctx := context.Background()
		answerAudiences := func() []exercise.Audience {
			evs, err := st.Exercises().Events(ctx, id, 0, 1000)
			if err != nil {
				t.Fatal(err)
			}
			var out []exercise.Audience
			for _, ev := range evs {
				if strings.HasPrefix(ev.Type, "answer.") && ev.Type != exercise.EvAnswersShared {
					out = append(out, ev.Audience)
				}
			}
			return out
		}
		observerSeesDraft := func() bool {
			return strings.Contains(string(e.do(req{method: "GET", path: base + "/log", bearer: observer}).raw), "DRAFT")
		}
		m, err := st.Migrator()
		if err != nil {
			t.Fatal(err)
		}
		// Roll back to before migration 7: the events look as the old engine wrote them.
		for {
			v, err := m.Down(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if v == 7 {
				break
			}
		}
		for _, a := range answerAudiences() {
			if a.Internal || len(a.Teams) != 1 {
				t.Fatalf("after rolling back: %+v", a)
			}
		}
		// The old events' audiences let an observer read the draft. (Checked
		// by the policy, not through the API: the server of today reads
		// columns the rolled-back schema does not have.)
		leak := false
		for _, a := range answerAudiences() {
			leak = leak || exercise.CanSee(exercise.Viewer{Observer: true}, a)
		}
		if !leak {
			t.Fatal("the rolled-back log does not show the old leak")
		}
		if _, err := m.Up(ctx); err != nil {
			t.Fatal(err)
		}
		auds := answerAudiences()
		if len(auds) != 2 {
			t.Fatalf("%d answer events", len(auds))
		}
		for _, a := range auds {
			if !a.Internal || len(a.Teams) != 1 || a.Staff || a.All {
				t.Fatalf("after the migration: %+v", a)
			}
		}
		if observerSeesDraft() {
			t.Fatal("the observer reads a draft answer written before the migration")
		}
	})
}
