package scoring_test

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// play is one exercise of a bundled scenario on a fresh database, with the
// engine a server runs, on a clock the test moves.
type play struct {
	t     *testing.T
	clock *storetest.Clock
	app   *app.App
	ex    *exercise.Exercise
	teams map[string]exercise.Team
}

func newPlay(t *testing.T, st *store.Store, slug string) *play {
	t.Helper()
	ctx := context.Background()
	p := &play{t: t, clock: storetest.NewClock(), teams: map[string]exercise.Team{}}
	cfg := config.Defaults()
	cfg.JWTSecret = "0123456789abcdef0123456789abcdef"
	a, err := app.New(ctx, cfg, st, app.Options{Now: p.clock.Now, HashCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	p.app = a
	w, err := a.Workshops.Create(ctx, nil, workshop.Workshop{Title: "Evidence workshop"})
	if err != nil {
		t.Fatal(err)
	}
	sid, _ := a.Library.Resolve(ctx, slug)
	v, err := a.Library.Get(ctx, sid, 0)
	if err != nil {
		t.Fatal(err)
	}
	ex, teams, err := a.Exercises.Create(ctx, w.ID, v.ID, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	p.ex = ex
	for _, tm := range teams {
		p.teams[tm.Key] = tm
	}
	if _, err := a.Exercises.ChangeClock(ctx, ex.ID, exercise.ClockAction{Action: "start", Speed: 1}); err != nil {
		t.Fatal(err)
	}
	return p
}

// at moves exercise time to offset and lets the scheduler release what is due.
func (p *play) at(offset time.Duration) {
	p.t.Helper()
	p.clock.Set(storetest.Start.Add(offset))
	if err := p.app.Exercises.Tick(context.Background()); err != nil {
		p.t.Fatal(err)
	}
}

func (p *play) send(from string, o exercise.Outgoing) *exercise.Message {
	p.t.Helper()
	ctx := context.Background()
	ex, teams, err := p.app.Exercises.Get(ctx, p.ex.ID)
	if err != nil {
		p.t.Fatal(err)
	}
	m, err := p.app.Exercises.Send(ctx, ex, teams, exercise.Sender{TeamID: p.teams[from].ID, Name: "Delegate"}, o)
	if err != nil {
		p.t.Fatal(err)
	}
	return m
}

// expected is the team's result for one expected action in the staff's report.
func (p *play) expected(team, inject, action string) scoring.ExpectedResult {
	p.t.Helper()
	r, err := p.app.Scoring.Report(context.Background(), p.ex.ID, exercise.Viewer{Staff: true})
	if err != nil {
		p.t.Fatal(err)
	}
	for _, tr := range r.Teams {
		for _, e := range tr.Metrics.Expected {
			if tr.Key == team && e.Inject == inject && e.Action == action {
				return e
			}
		}
	}
	p.t.Fatalf("no expected action %s/%s for %s", inject, action, team)
	return scoring.ExpectedResult{}
}

// The two cases from the play that showed the old evidence misleading, on
// the hospital-ransomware scenario: an unrelated assistance request to
// another State must not show that Lorvenia brought its national bodies
// and Sentira around one table (at most it is a candidate), and a
// preservation request sent to Veyra's 24/7 contact point a few minutes
// before the inject that asks for it counts, as early.
func TestExpectedActionsFromThePlay(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		p := newPlay(t, st, "hospital-ransomware")
		ctx := context.Background()
		p.at(3 * time.Minute) // the radio news is out (2m)
		unrelated := p.send("lorvenia", exercise.Outgoing{To: []int64{p.teams["hadrenna"].ID}, Channel: "diplomatic_note",
			Subject: "Request for assistance", Body: "Could Kallen take more of our patients?", CBMs: []string{"2", "13"}, Kind: "assistance"})

		p.at(52 * time.Minute) // the briefing on the servers comes at 56m
		preserve := p.send("lorvenia", exercise.Outgoing{To: []int64{p.teams["veyra"].ID}, Channel: "police-24-7",
			Subject: "Preservation request: Castellan Hosting", Body: "Please preserve the logs of the servers at Castellan Hosting.",
			CBMs: []string{"6", "13"}, Kind: "assistance"})
		p.at(56 * time.Minute)
		p.at(58 * time.Minute)

		lead := p.expected("lorvenia", "news-hallon-operations-cancelled", "lorvenia-national-lead")
		if lead.Observed || lead.Status != scoring.StatusCandidate || lead.Evidence != 0 {
			t.Errorf("national lead: observed %v, status %s, evidence %d; want a candidate only", lead.Observed, lead.Status, lead.Evidence)
		}
		if len(lead.Candidates) != 1 || lead.Candidates[0].Message != unrelated.Seq {
			t.Fatalf("national lead candidates = %+v, want the assistance request #%d", lead.Candidates, unrelated.Seq)
		}
		// The CBM 2 that made it a candidate was the request kind's suggestion.
		if tags := lead.Candidates[0].Tags; len(tags) != 2 || tags[0] != (scoring.TagInfo{CBM: "2", Source: exercise.TagByKind}) {
			t.Errorf("candidate tags = %+v", tags)
		}

		pres := p.expected("lorvenia", "intel-lorvenia-veyra-servers", "lorvenia-preservation-request")
		if !pres.Observed || pres.Status != scoring.StatusObserved || pres.Source != scoring.SourceMatched || pres.Evidence != preserve.Seq {
			t.Fatalf("preservation: %+v; want observed by #%d", pres, preserve.Seq)
		}
		if pres.Timing != scoring.TimingEarly || !pres.InTime || pres.AfterSecs == nil || *pres.AfterSecs != -4*60 {
			t.Errorf("preservation timing %s, in time %v, after %v s; want early by 4 minutes", pres.Timing, pres.InTime, deref(pres.AfterSecs))
		}

		// A facilitator confirms the candidate: it counts, as confirmed.
		judge := func(verdict string) {
			t.Helper()
			err := p.app.Scoring.JudgeEvidence(ctx, p.ex.ID, scoring.Author{UserID: 1, Name: "Eva Evaluator"}, scoring.JudgementData{
				TeamID: p.teams["lorvenia"].ID, Inject: "news-hallon-operations-cancelled", Action: "lorvenia-national-lead",
				Message: unrelated.Seq, Verdict: verdict})
			if err != nil {
				t.Fatal(err)
			}
		}
		judge(scoring.VerdictConfirmed)
		lead = p.expected("lorvenia", "news-hallon-operations-cancelled", "lorvenia-national-lead")
		if !lead.Observed || lead.Status != scoring.StatusConfirmed || lead.Source != scoring.SourceConfirmed || lead.Found == nil || lead.Found.By != "Eva Evaluator" {
			t.Errorf("after confirming: %+v", lead)
		}
		judge(scoring.VerdictRejected)
		lead = p.expected("lorvenia", "news-hallon-operations-cancelled", "lorvenia-national-lead")
		if lead.Observed || lead.Status != scoring.StatusNotObserved || lead.Candidates[0].Verdict != scoring.VerdictRejected {
			t.Errorf("after rejecting: %+v", lead)
		}
		judge(scoring.VerdictCleared)
		if lead = p.expected("lorvenia", "news-hallon-operations-cancelled", "lorvenia-national-lead"); lead.Status != scoring.StatusCandidate {
			t.Errorf("after clearing: status %s", lead.Status)
		}
	})
}

// A verdict names a team, an expected action of the inject asked of that
// team and shown by a message, and a message the team sent; anything else
// is refused with the field that is wrong, and nothing is recorded.
func TestJudgeEvidenceRefusesUnknowns(t *testing.T) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		p := newPlay(t, st, "hospital-ransomware")
		ctx := context.Background()
		p.at(3 * time.Minute)
		m := p.send("lorvenia", exercise.Outgoing{To: []int64{p.teams["sentira"].ID}, Channel: "poc_hotline",
			Subject: "Crisis cell", Body: "Join our crisis cell at 09:00.", CBMs: []string{"14"}})
		lor := p.teams["lorvenia"].ID
		ok := scoring.JudgementData{TeamID: lor, Inject: "news-hallon-operations-cancelled", Action: "lorvenia-national-lead", Message: m.Seq, Verdict: "confirmed"}
		before, _ := p.app.Exercises.AllEvents(ctx, p.ex.ID)
		cases := []struct {
			field string
			edit  func(*scoring.JudgementData)
		}{
			{"team_id", func(d *scoring.JudgementData) { d.TeamID = 999999 }},
			{"inject", func(d *scoring.JudgementData) { d.Inject = "no-such-inject" }},
			{"action", func(d *scoring.JudgementData) { d.Action = "no-such-action" }},
			{"action", func(d *scoring.JudgementData) { d.Action = "veyra-fills-poc" }}, // Veyra's, and shown by the directory
			{"message", func(d *scoring.JudgementData) { d.Message = 999999 }},
			{"message", func(d *scoring.JudgementData) { d.TeamID, d.Action = p.teams["sentira"].ID, "lorvenia-national-lead" }},
			{"verdict", func(d *scoring.JudgementData) { d.Verdict = "maybe" }},
		}
		for _, tc := range cases {
			d := ok
			tc.edit(&d)
			err := p.app.Scoring.JudgeEvidence(ctx, p.ex.ID, scoring.Author{Name: "Eva"}, d)
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Status != http.StatusUnprocessableEntity || ae.Fields[tc.field] == "" {
				t.Errorf("%+v: %v, want a 422 naming %s", d, err, tc.field)
			}
		}
		after, _ := p.app.Exercises.AllEvents(ctx, p.ex.ID)
		if len(after) != len(before) {
			t.Errorf("%d events recorded by refused verdicts", len(after)-len(before))
		}
		if err := p.app.Scoring.JudgeEvidence(ctx, p.ex.ID, scoring.Author{Name: "Eva"}, ok); err != nil {
			t.Fatal(err)
		}
	})
}

func deref(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}
