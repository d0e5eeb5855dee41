package main

import (
	"context"
	"fmt"
	"io"
	"net/url"

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
	return &demoInfo{Workshop: w, Exercise: e, Teams: teams}, nil
}

// printDemo tells how to reach the demonstration exercise; base is the
// public address (publicBase), so the links work where people are.
func printDemo(w io.Writer, base string, d *demoInfo) {
	if d == nil {
		return
	}
	fmt.Fprintf(w, "A demonstration workshop with the 15-minute tutorial exercise is ready.\n")
	fmt.Fprintf(w, "Participants join at %s/join with one of these team codes (or open the link):\n", base)
	for _, t := range d.Teams {
		fmt.Fprintf(w, "  %-24s %s  %s/join?code=%s\n", t.Name, t.JoinCode, base, url.QueryEscape(t.JoinCode))
	}
	fmt.Fprintln(w)
}
