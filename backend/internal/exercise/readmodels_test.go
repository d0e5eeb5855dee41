package exercise_test

import (
	"encoding/json"
	"slices"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// logged is an event of a test log: type, audience, data, exercise minute.
type logged struct {
	typ  string
	aud  exercise.Audience
	data any
	min  int
}

var wall0 = time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)

// folded folds events into a fresh projection of teams, numbering them in
// order.
func folded(t *testing.T, teams []exercise.Team, evs ...logged) *exercise.Projection {
	t.Helper()
	p := exercise.NewProjection(teams)
	for i, e := range evs {
		raw, err := json.Marshal(e.data)
		if err != nil {
			t.Fatal(err)
		}
		at := time.Duration(e.min) * time.Minute
		p.Apply(exercise.Event{Seq: int64(i + 1), Type: e.typ, Audience: e.aud, Data: raw, Offset: at, CreatedAt: wall0.Add(at)})
	}
	return p
}

func mins(m int) *time.Duration { d := time.Duration(m) * time.Minute; return &d }

var teamsABC = []exercise.Team{{ID: 1, Key: "a", Name: "Aurelia"}, {ID: 2, Key: "b", Name: "Borduria"}, {ID: 3, Key: "c", Name: "Carpania"}}

// Each inject of the timeline is in the one state its history gives it.
func TestTimelineStates(t *testing.T) {
	sc := &scenario.Scenario{Injects: []scenario.Inject{
		{Key: "due-later", At: mins(30), Audience: scenario.Audience{All: true}},
		{Key: "after-unreleased", After: &scenario.After{Inject: "due-later", Delay: time.Minute}, Audience: scenario.Audience{Teams: []string{"b"}}},
		{Key: "contingency", Contingency: true, Audience: scenario.Audience{Facilitators: true}},
		{Key: "held", At: mins(5)},
		{Key: "skipped", At: mins(5)},
		{Key: "held-then-released", At: mins(1)},
		{Key: "released", At: mins(0)},
	}}
	p := folded(t, teamsABC,
		logged{exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: "released", Source: "schedule", OffsetSeconds: 0}, 0},
		logged{exercise.EvInjectHeld, exercise.StaffOnly, exercise.KeyData{Key: "held"}, 1},
		logged{exercise.EvInjectSkipped, exercise.StaffOnly, exercise.KeyData{Key: "skipped"}, 1},
		logged{exercise.EvInjectHeld, exercise.StaffOnly, exercise.KeyData{Key: "held-then-released"}, 1},
		logged{exercise.EvInjectReleased, exercise.TeamsOnly(2), exercise.InjectData{Key: "adhoc-2", Source: "adhoc", Title: "Second", OffsetSeconds: 180}, 3},
		logged{exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: "held-then-released", Source: "manual", Late: true, OffsetSeconds: 120}, 2},
		logged{exercise.EvInjectReleased, exercise.TeamsOnly(1), exercise.InjectData{Key: "adhoc-1", Source: "adhoc", Title: "First", OffsetSeconds: 60}, 1},
	)
	got := p.Timeline(sc, teamsABC, 10*time.Minute)
	want := []struct {
		key, state string
		scheduled  *time.Duration
		released   bool
	}{
		{"due-later", exercise.InjectPending, mins(30), false},
		{"after-unreleased", exercise.InjectPending, nil, false},
		{"contingency", exercise.InjectWaiting, nil, false},
		{"held", exercise.InjectHeld, nil, false},
		{"skipped", exercise.InjectSkipped, nil, false},
		{"held-then-released", exercise.InjectReleased, nil, true},
		{"released", exercise.InjectReleased, nil, true},
		{"adhoc-2", exercise.InjectReleased, nil, true}, // ad-hoc ones last, in the order they were sent
		{"adhoc-1", exercise.InjectReleased, nil, true},
	}
	if len(got) != len(want) {
		t.Fatalf("%d injects, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.Key != w.key || g.State != w.state || (g.Released != nil) != w.released ||
			(g.Scheduled == nil) != (w.scheduled == nil) || (g.Scheduled != nil && *g.Scheduled != *w.scheduled) {
			t.Errorf("#%d: %s %s scheduled %v released %v; want %+v", i, g.Key, g.State, g.Scheduled, g.Released != nil, w)
		}
	}
	if r := got[5].Released; r.Source != "manual" || !r.Late || r.OffsetSeconds != 120 {
		t.Errorf("held then released: %+v", r)
	}
	if a := got[1].Audience; len(a.Teams) != 1 || a.Teams[0] != 2 {
		t.Errorf("audience by team key: %+v", a)
	}
	if !got[2].Audience.Staff {
		t.Errorf("facilitators-only inject: %+v", got[2].Audience)
	}

	// A team sees what it received, newest first; an observer what any team did.
	keys := func(rs []exercise.ReleasedInject) (out []string) {
		for _, r := range rs {
			out = append(out, r.Key)
		}
		return out
	}
	for name, c := range map[string]struct {
		v    exercise.Viewer
		want []string
	}{
		"team a":   {exercise.Viewer{TeamID: 1}, []string{"adhoc-1", "held-then-released", "released"}},
		"team b":   {exercise.Viewer{TeamID: 2}, []string{"held-then-released", "adhoc-2", "released"}},
		"observer": {exercise.Viewer{Observer: true}, []string{"adhoc-1", "held-then-released", "adhoc-2", "released"}},
	} {
		if got := keys(p.VisibleReleases(c.v)); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", name, got, c.want)
		}
	}
}

func TestTriggerStates(t *testing.T) {
	sc := &scenario.Scenario{Triggers: []scenario.Trigger{{Key: "silence"}, {Key: "decide-yes"}, {Key: "decide-no"}}}
	yes, no := true, false
	p := folded(t, teamsABC,
		logged{exercise.EvTriggerFired, exercise.StaffOnly, exercise.KeyData{Key: "silence"}, 1},
		logged{exercise.EvTriggerDecided, exercise.StaffOnly, exercise.KeyData{Key: "decide-yes", Yes: &yes}, 2},
		logged{exercise.EvTriggerDecided, exercise.StaffOnly, exercise.KeyData{Key: "decide-no", Yes: &no}, 3},
	)
	got := p.TriggerStates(sc)
	if len(got) != 3 || !got[0].Fired || got[0].Decision != nil {
		t.Fatalf("fired trigger: %+v", got)
	}
	if got[1].Decision == nil || !*got[1].Decision || got[2].Decision == nil || *got[2].Decision {
		t.Fatalf("decisions: %v %v", got[1].Decision, got[2].Decision)
	}
}

// The directory shows what a team saved, else the scenario's pre-filled
// entries; complete means a named policy and a named technical contact.
func TestDirectory(t *testing.T) {
	sc := &scenario.Scenario{Teams: []scenario.Team{
		{Key: "a", PointsOfContact: []scenario.PointOfContact{{Role: scenario.RolePolicy, Name: "P"}, {Role: scenario.RoleTechnical, Name: "T"}}},
		{Key: "b", PointsOfContact: []scenario.PointOfContact{{Role: scenario.RolePolicy, Name: "P"}}},
		{Key: "c"},
	}}
	p := folded(t, teamsABC,
		logged{exercise.EvPoCUpdated, exercise.Everyone, exercise.PoCData{TeamID: 2, By: "Bea", Entries: []exercise.PoCEntry{
			{Role: "policy", Name: "P"}, {Role: "technical", Name: "T2", Languages: []string{"en"}}}}, 1},
	)
	got := p.Directory(sc, teamsABC)
	cases := []struct {
		entries  int
		by       string
		complete bool
	}{{2, "", true}, {2, "Bea", true}, {0, "", false}}
	for i, c := range cases {
		g := got[i]
		if len(g.Entries) != c.entries || g.UpdatedBy != c.by || g.Complete != c.complete || g.Entries == nil {
			t.Errorf("%s: %+v, want %+v", g.Team.Name, g, c)
		}
	}
	if got[0].Entries[0].Languages == nil {
		t.Error("a pre-filled entry has no language list")
	}
	for name, c := range map[string]struct {
		entries []exercise.PoCEntry
		want    bool
	}{
		"both":           {[]exercise.PoCEntry{{Role: "policy", Name: "A"}, {Role: "technical", Name: "B"}}, true},
		"technical only": {[]exercise.PoCEntry{{Role: "technical", Name: "B"}}, false},
		"policy unnamed": {[]exercise.PoCEntry{{Role: "policy"}, {Role: "technical", Name: "B"}}, false},
		"none":           {nil, false},
	} {
		if got := exercise.PoCComplete(c.entries); got != c.want {
			t.Errorf("%s: %v", name, got)
		}
	}
}

// Each check lists the acknowledgements the viewer may see, with the time
// they took in exercise time and in wall time.
func TestCommCheckAcks(t *testing.T) {
	p := folded(t, teamsABC,
		logged{exercise.EvCommCheck, exercise.Everyone, exercise.CommCheckData{Text: "Check"}, 2},
		logged{exercise.EvCommAck, exercise.TeamsOnly(1), exercise.CommAckData{Check: 1, TeamID: 1, By: "Ana"}, 5},
		logged{exercise.EvCommAck, exercise.TeamsOnly(1), exercise.CommAckData{Check: 1, TeamID: 1, By: "Again"}, 7}, // the first counts
	)
	staff := p.CommCheckAcks(teamsABC, exercise.Viewer{Staff: true})
	if len(staff) != 1 || len(staff[0].Teams) != 3 {
		t.Fatalf("staff: %+v", staff)
	}
	a := staff[0].Teams[0]
	if a.Ack == nil || a.Ack.By != "Ana" || a.After != 3*time.Minute || a.AfterWall != 3*time.Minute {
		t.Fatalf("team a's acknowledgement: %+v", a)
	}
	if staff[0].Teams[1].Ack != nil {
		t.Fatalf("team b acknowledged: %+v", staff[0].Teams[1])
	}
	mine := p.CommCheckAcks(teamsABC, exercise.Viewer{TeamID: 2})
	if len(mine[0].Teams) != 1 || mine[0].Teams[0].Team.ID != 2 {
		t.Fatalf("team b sees %+v", mine[0].Teams)
	}
	if obs := p.CommCheckAcks(teamsABC, exercise.Viewer{Observer: true}); len(obs[0].Teams) != 3 {
		t.Fatalf("observer sees %d teams", len(obs[0].Teams))
	}
}

func TestBriefingsCurrentPhaseAndPresence(t *testing.T) {
	sc := &scenario.Scenario{Teams: []scenario.Team{{Key: "a", Briefing: "A"}, {Key: "b", Briefing: "B"}, {Key: "c", Briefing: "C"}},
		Phases: []scenario.Phase{{Key: "one"}, {Key: "two", StartsAt: 20 * time.Minute}}}
	for name, c := range map[string]struct {
		v    exercise.Viewer
		want int
	}{"staff": {exercise.Viewer{Staff: true}, 3}, "observer": {exercise.Viewer{Observer: true}, 3}, "team b": {exercise.Viewer{TeamID: 2}, 1}} {
		if got := exercise.Briefings(sc, teamsABC, c.v); len(got) != c.want {
			t.Errorf("%s reads %d briefings", name, len(got))
		}
	}
	if got := exercise.Briefings(sc, teamsABC, exercise.Viewer{TeamID: 2}); got[0].Scenario.Briefing != "B" {
		t.Errorf("team b reads %q", got[0].Scenario.Briefing)
	}

	ex := &exercise.Exercise{Clock: exercise.NewClock()}
	if got := exercise.CurrentPhase(ex, sc, wall0); got != "" {
		t.Errorf("draft exercise is in phase %q", got)
	}
	started, err := ex.Clock.Start(wall0)
	if err != nil {
		t.Fatal(err)
	}
	ex.Clock = started
	for min, want := range map[int]string{0: "one", 19: "one", 20: "two", 90: "two"} {
		if got := exercise.CurrentPhase(ex, sc, wall0.Add(time.Duration(min)*time.Minute)); got != want {
			t.Errorf("minute %d: phase %q, want %q", min, got, want)
		}
	}

	removed := wall0
	for name, c := range map[string]struct {
		p      exercise.Participant
		open   int
		online bool
	}{
		"streaming":         {exercise.Participant{}, 1, true},
		"no stream":         {exercise.Participant{}, 0, false},
		"removed streaming": {exercise.Participant{RemovedAt: &removed}, 2, false},
	} {
		if got := c.p.Connected(c.open); got != c.online {
			t.Errorf("%s: connected %v", name, got)
		}
	}
}
