package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// demoScenario is the bundled scenario the demonstration exercise runs.
const demoScenario = "tutorial-first-contact"

type demoInfo struct {
	Workshop *workshop.Workshop
	Exercise *exercise.Exercise
	Teams    []exercise.Team
}

// seedDemo makes a demonstration workshop with one exercise from the
// tutorial on first start, so a new installation has something to open.
func seedDemo(ctx context.Context, st *store.Store, ws *workshop.Service, ex *exercise.Service, lib *library.Library, adminEmail string) (*demoInfo, error) {
	admin, err := st.Accounts().UserByEmail(ctx, adminEmail)
	if err != nil {
		return nil, err
	}
	actor := &auth.Principal{Role: auth.RoleAdmin, User: admin}
	w, err := ws.Create(ctx, actor, workshop.Workshop{
		Title: "Demonstration workshop", HostOrganisation: "cbmex", Place: "Online", Language: "en",
		Participants: []string{"Valdoria", "Esterra", "Norhaven"}, FacilitatorIDs: []int64{admin.ID},
	})
	if err != nil {
		return nil, err
	}
	sid, err := lib.Resolve(ctx, demoScenario)
	if err != nil {
		return nil, err
	}
	v, err := lib.Get(ctx, sid, 0)
	if err != nil {
		return nil, err
	}
	e, teams, err := ex.Create(ctx, w.ID, v.ID, "Tutorial: first contact", &admin.ID)
	if err != nil {
		return nil, err
	}
	// Remembered so that every later start prints the demo's codes again.
	if _, err := st.SettingOrCreate(ctx, demoSetting, func() string { return strconv.FormatInt(e.ID, 10) }); err != nil {
		return nil, err
	}
	return &demoInfo{Workshop: w, Exercise: e, Teams: teams}, nil
}

// demoSetting keeps the demonstration exercise's id.
const demoSetting = "demo_exercise"

// findDemo finds the demonstration exercise seeded on the first start; nil
// when there is none (an installation that started before it was
// remembered, or whose demo was removed).
func findDemo(ctx context.Context, st *store.Store, ex *exercise.Service) (*demoInfo, error) {
	v, ok, err := st.Setting(ctx, demoSetting)
	if err != nil || !ok {
		return nil, err
	}
	id, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return nil, nil
	}
	e, teams, err := ex.Get(ctx, id)
	if errors.Is(err, apperr.ErrNoRow) || isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &demoInfo{Exercise: e, Teams: teams}, nil
}

func isNotFound(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Status == http.StatusNotFound
}

// printDemo tells how to reach the demonstration exercise; base is the
// public address (publicBase), so the links work where people are.
func printDemo(w io.Writer, base string, d *demoInfo) {
	if d == nil {
		return
	}
	if d.Exercise != nil && d.Exercise.Clock.Status == exercise.Ended {
		fmt.Fprintf(w, "The demonstration exercise has ended: its report is at %s/exercises/%d/report.\n\n", base, d.Exercise.ID)
		return
	}
	fmt.Fprintf(w, "A demonstration workshop with the 15-minute tutorial exercise is ready.\n")
	fmt.Fprintf(w, "Participants join at %s/join with one of these team codes (or open the link):\n", base)
	for _, t := range d.Teams {
		fmt.Fprintf(w, "  %-24s %s  %s/join?code=%s\n", t.Name, t.JoinCode, base, url.QueryEscape(t.JoinCode))
	}
	fmt.Fprintln(w)
}
