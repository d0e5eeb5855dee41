package workshop_test

import (
	"context"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

func TestWorkshopValidationAndAccess(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := workshop.New(st.Workshops(), nil)
		bad := []workshop.Workshop{
			{Title: ""},
			{Title: "x", StartsOn: "27/11/2026"},
			{Title: "x", StartsOn: "2026-02-30"},
			{Title: "x", StartsOn: "2026-11-28", EndsOn: "2026-11-27"},
			{Title: "x", Language: "pt"},
			{Title: "x", FacilitatorIDs: []int64{424242}},
		}
		for i, w := range bad {
			if _, err := svc.Create(ctx, nil, w); !isInvalid(err) {
				t.Errorf("case %d accepted or wrong error: %v", i, err)
			}
		}
		fac := &auth.User{Email: "f@example.org", Role: auth.RoleFacilitator, PasswordHash: "x"}
		if err := st.Accounts().CreateUser(ctx, fac); err != nil {
			t.Fatal(err)
		}
		w, err := svc.Create(ctx, nil, workshop.Workshop{Title: "Vienna", StartsOn: "2026-11-27", EndsOn: "2026-11-28",
			Participants: []string{"Republic of A", "B, the Kingdom of"}, FacilitatorIDs: []int64{fac.ID}})
		if err != nil {
			t.Fatal(err)
		}
		assigned := &auth.Principal{Role: auth.RoleFacilitator, User: fac}
		stranger := &auth.Principal{Role: auth.RoleFacilitator, User: &auth.User{ID: fac.ID + 100}}
		got, err := svc.Get(ctx, assigned, w.ID)
		if err != nil || len(got.Participants) != 2 || got.Participants[1] != "B, the Kingdom of" || got.Language != "en" {
			t.Fatalf("assigned facilitator: %+v %v", got, err)
		}
		if _, err := svc.Get(ctx, stranger, w.ID); err == nil {
			t.Fatal("an unassigned facilitator reads the workshop")
		}
		admin := &auth.Principal{Role: auth.RoleAdmin, User: &auth.User{ID: 999}}
		if ws, _ := svc.List(ctx, admin); len(ws) != 1 {
			t.Fatalf("admin lists %d workshops", len(ws))
		}
	})
}

func isInvalid(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Code == "validation_failed"
}

// Duties and attribution are stored, read back, validated, and the
// attribution records who turned it on.
func TestDutiesAndAttribution(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		ctx := context.Background()
		svc := workshop.New(st.Workshops(), nil)
		var ids []int64
		for _, e := range []string{"lead@example.org", "ctl@example.org", "eval@example.org"} {
			u := &auth.User{Email: e, Role: auth.RoleFacilitator, PasswordHash: "x"}
			if err := st.Accounts().CreateUser(ctx, u); err != nil {
				t.Fatal(err)
			}
			ids = append(ids, u.ID)
		}
		admin := &auth.Principal{Role: auth.RoleAdmin, User: &auth.User{ID: ids[0], Name: "Organiser"}}
		w, err := svc.Create(ctx, admin, workshop.Workshop{Title: "Almaty", FacilitatorIDs: ids,
			Duties: map[int64]workshop.Duty{ids[1]: workshop.DutyController, ids[2]: workshop.DutyEvaluator}})
		if err != nil {
			t.Fatal(err)
		}
		got, _ := svc.Get(ctx, admin, w.ID)
		if got.DutyOf(ids[0]) != workshop.DutyLead || got.DutyOf(ids[1]) != workshop.DutyController || got.DutyOf(ids[2]) != workshop.DutyEvaluator {
			t.Fatalf("duties read back: %v", got.Duties)
		}
		if got.Attribution != nil {
			t.Fatal("a new workshop is attributed")
		}
		if _, err := svc.Update(ctx, admin, w.ID, func(w *workshop.Workshop) { w.Duties[ids[0]] = "boss" }); !isInvalid(err) {
			t.Fatalf("unknown duty: %v", err)
		}
		if _, err := svc.Update(ctx, admin, w.ID, func(w *workshop.Workshop) { w.Attribution = &workshop.Attribution{Reason: "ok"} }); !isInvalid(err) {
			t.Fatalf("attribution without a real reason: %v", err)
		}
		reason := "The delegations asked for their own results to brief capitals."
		if _, err := svc.Update(ctx, admin, w.ID, func(w *workshop.Workshop) { w.Attribution = &workshop.Attribution{Reason: reason} }); err != nil {
			t.Fatal(err)
		}
		got, _ = svc.Get(ctx, admin, w.ID)
		if a := got.Attribution; a == nil || a.Reason != reason || a.By != "Organiser" || a.At.IsZero() {
			t.Fatalf("attribution read back: %+v", a)
		}
		if got.DutyOf(ids[2]) != workshop.DutyEvaluator {
			t.Fatal("an update lost a duty")
		}
	})
}
