package exercise_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// An answer's limit is in characters, as the room's text box counts them: a team
// writing in Russian (two bytes a letter) gets the same 10,000 as one writing in English.
func TestAnswerLimitCountsCharacters(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.clockDo("start")
		r.clock.Advance(6 * time.Minute)
		r.tick()
		val := r.teams["valdoria"]
		full := strings.Repeat("ж", exercise.MaxAnswerLen)
		if err := r.svc.SaveAnswer(ctx, r.ex.ID, val.ID, "first-incident", "fi-q1", full, "Ana", false); err != nil {
			t.Fatalf("10,000 Cyrillic letters: %v", err)
		}
		err := r.svc.SaveAnswer(ctx, r.ex.ID, val.ID, "first-incident", "fi-q1", full+"ж", "Ana", false)
		if e, ok := apperr.As(err); !ok || e.Fields["text"] == "" {
			t.Fatalf("10,001 letters: %v, want a message for the text", err)
		}
	})
}

// A note and an ad-hoc inject's body count characters too: 10,000 and 20,000
// Cyrillic letters are taken, one more is refused.
func TestNoteAndAdHocLimitsCountCharacters(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		r := newRig(t, st)
		ctx := context.Background()
		r.clockDo("start")
		note := strings.Repeat("ж", 10000)
		if err := r.svc.Note(ctx, r.ex.ID, note, "Ana"); err != nil {
			t.Fatalf("10,000 Cyrillic letters in a note: %v", err)
		}
		if err := r.svc.Note(ctx, r.ex.ID, note+"ж", "Ana"); err == nil {
			t.Fatal("a note of 10,001 letters was taken")
		}
		body := strings.Repeat("ж", 20000)
		adhoc := exercise.AdHoc{Title: "Пресс-релиз", Body: body, Channel: "news", From: "Пресса"}
		if err := r.svc.ReleaseAdHoc(ctx, r.ex.ID, adhoc); err != nil {
			t.Fatalf("20,000 Cyrillic letters in an ad-hoc inject: %v", err)
		}
		adhoc.Body += "ж"
		if err := r.svc.ReleaseAdHoc(ctx, r.ex.ID, adhoc); err == nil {
			t.Fatal("an ad-hoc inject of 20,001 letters was taken")
		}
	})
}
