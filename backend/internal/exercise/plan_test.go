package exercise

import (
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

func d(m int) time.Duration     { return time.Duration(m) * time.Minute }
func dp(m int) *time.Duration   { x := d(m); return &x }
func t0() time.Time             { return time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC) }
func at(min, sec int) time.Time { return t0().Add(d(min) + time.Duration(sec)*time.Second) }
func must(c Clock, err error) Clock {
	if err != nil {
		panic(err)
	}
	return c
}

func TestClockPauseResumeAndSpeed(t *testing.T) {
	c := must(NewClock().Start(t0()))
	if got := c.Now(at(10, 0)); got != d(10) {
		t.Fatalf("10 wall minutes at 1x: %v", got)
	}
	c = must(c.Pause(at(10, 0)))
	if got := c.Now(at(25, 0)); got != d(10) {
		t.Fatalf("paused clock moved: %v", got)
	}
	c = must(c.Resume(at(25, 0)))
	if got := c.Now(at(30, 0)); got != d(15) {
		t.Fatalf("after a 15-minute pause and 5 more minutes: %v, want 15m", got)
	}
	c = must(c.SetSpeed(at(30, 0), 2))
	if got := c.Now(at(35, 0)); got != d(25) {
		t.Fatalf("5 wall minutes at 2x after 15m: %v, want 25m", got)
	}
	if w := c.WallAt(d(45)); !w.Equal(at(45, 0)) {
		t.Fatalf("wall time of exercise minute 45 at 2x: %v", w)
	}
	c = must(c.SetSpeed(at(35, 0), 0.5))
	if got := c.Now(at(39, 0)); got != d(27) {
		t.Fatalf("4 wall minutes at 0.5x after 25m: %v, want 27m", got)
	}
	c = must(c.Jump(at(39, 0), d(60)))
	if got := c.Now(at(41, 0)); got != d(61) {
		t.Fatalf("jump to 60m then 2 wall minutes at 0.5x: %v", got)
	}
	if _, err := c.Jump(at(41, 0), d(30)); err == nil {
		t.Fatal("jumping backwards was accepted")
	}
	c = must(c.End(at(50, 0)))
	if got := c.Now(at(90, 0)); got != c.Base {
		t.Fatalf("ended clock moved: %v", got)
	}
	for name, err := range map[string]error{
		"start twice":  func() error { _, e := c.Start(t0()); return e }(),
		"resume ended": func() error { _, e := c.Resume(t0()); return e }(),
		"speed 20x":    func() error { _, e := NewClock().SetSpeed(t0(), 20); return e }(),
		"pause draft":  func() error { _, e := NewClock().Pause(t0()); return e }(),
	} {
		if err == nil {
			t.Errorf("%s was accepted", name)
		}
	}
}

func fixture() *scenario.Scenario {
	return &scenario.Scenario{
		Phases: []scenario.Phase{{Key: "p1", StartsAt: 0}, {Key: "p2", StartsAt: d(30)}},
		Injects: []scenario.Inject{
			{Key: "a", At: dp(5)},
			{Key: "b", After: &scenario.After{Inject: "a", Delay: d(10)}},
			{Key: "c", At: dp(40)},
			{Key: "escalation", Contingency: true},
			{Key: "follow-up", After: &scenario.After{Inject: "escalation", Delay: d(5)}},
		},
		Triggers: []scenario.Trigger{{
			Key: "silent", Release: []string{"escalation"},
			Condition: scenario.Condition{Type: scenario.CondNoMessage, From: "x", To: "y", CBM: "8",
				Deadline: &scenario.Deadline{After: &scenario.After{Inject: "a", Delay: d(20)}}},
		}},
	}
}

func newState(now time.Duration) State {
	return State{Now: now, Released: map[string]time.Duration{}, Held: map[string]bool{}, Skipped: map[string]bool{},
		PhasesStarted: map[string]bool{}, Fired: map[string]bool{}, Decisions: map[string]bool{}}
}

func keys(ds []Due) []string {
	var out []string
	for _, x := range ds {
		out = append(out, string(x.Kind)+":"+x.Key)
	}
	return out
}

func eq(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestPlanFollowsActualReleases(t *testing.T) {
	s := fixture()
	st := newState(d(4))
	if got := keys(Plan(s, st)); !eq(got, []string{"phase:p1"}) {
		t.Fatalf("at 4m: %v", got)
	}
	st.PhasesStarted["p1"] = true
	st.Now = d(5)
	if got := keys(Plan(s, st)); !eq(got, []string{"inject:a"}) {
		t.Fatalf("at 5m: %v", got)
	}
	// a was released late, at 8m: b follows 10 minutes after the actual release.
	st.Released["a"] = d(8)
	st.Now = d(17)
	if got := Plan(s, st); len(got) != 0 {
		t.Fatalf("at 17m: %v", keys(got))
	}
	st.Now = d(18)
	if got := Plan(s, st); len(got) != 1 || got[0].Key != "b" || got[0].DueAt != d(18) {
		t.Fatalf("at 18m: %+v", got)
	}
}

func TestHeldAndSkippedInjectsWait(t *testing.T) {
	s := fixture()
	st := newState(d(45))
	st.PhasesStarted["p1"], st.PhasesStarted["p2"] = true, true
	st.Held["a"], st.Skipped["c"] = true, true
	st.Fired["silent"], st.Skipped["escalation"] = true, true
	if got := Plan(s, st); len(got) != 0 {
		t.Fatalf("held and skipped injects were planned: %v", keys(got))
	}
	delete(st.Held, "a")
	if got := keys(Plan(s, st)); !eq(got, []string{"inject:a"}) {
		t.Fatalf("after un-holding: %v", got)
	}
}

func TestNoMessageTriggerFiresAtItsDeadline(t *testing.T) {
	s := fixture()
	st := newState(d(24))
	st.PhasesStarted["p1"] = true
	st.Released["a"] = d(5)
	st.Released["b"] = d(15)
	if got := Plan(s, st); len(got) != 0 {
		t.Fatalf("before the deadline: %v", keys(got))
	}
	st.Now = d(25)
	got := Plan(s, st)
	if len(got) != 1 || got[0].Kind != DueTrigger || got[0].DueAt != d(25) || got[0].Releases[0] != "escalation" {
		t.Fatalf("at the deadline: %+v", got)
	}
	// The right message before the deadline prevents it.
	st.Messages = []MessageFact{{At: d(24), From: "x", To: []string{"y", "z"}, CBMs: []string{"8"}}}
	if got := Plan(s, st); len(got) != 0 {
		t.Fatalf("message sent in time, trigger still fired: %v", keys(got))
	}
	// A message that misses one filter does not.
	st.Messages = []MessageFact{{At: d(24), From: "x", To: []string{"z"}, CBMs: []string{"8"}}}
	if got := keys(Plan(s, st)); !eq(got, []string{"trigger:silent"}) {
		t.Fatalf("message to the wrong team prevented the trigger: %v", got)
	}
}

func TestRequestAndDecisionConditions(t *testing.T) {
	answered := d(12)
	st := newState(d(30))
	st.Requests = []RequestFact{{MessageFact: MessageFact{At: d(10), From: "x", To: []string{"y"}, Kind: "consultation"}, AnsweredAt: &answered}}
	c := scenario.Condition{Type: scenario.CondRequestAnswered, From: "x", Kind: "consultation"}
	if at, ok := Holds(c, "t", st); !ok || at != d(12) {
		t.Fatalf("answered request: %v %v", at, ok)
	}
	un := scenario.Condition{Type: scenario.CondRequestUnanswered, Deadline: &scenario.Deadline{At: dp(11)}}
	if _, ok := Holds(un, "t", st); !ok {
		t.Fatal("request unanswered at 11m not detected")
	}
	un.Deadline.At = dp(20)
	if _, ok := Holds(un, "t", st); ok {
		t.Fatal("request answered at 12m reported unanswered at 20m")
	}
	st.Requests = nil
	if _, ok := Holds(un, "t", st); ok {
		t.Fatal("fired with no request at all")
	}
	dec := scenario.Condition{Type: scenario.CondFacilitatorDecision}
	if _, ok := Holds(dec, "t", st); ok {
		t.Fatal("decision held before the facilitator answered")
	}
	st.Decisions["t"] = true
	if _, ok := Holds(dec, "t", st); !ok {
		t.Fatal("decision did not hold after yes")
	}
}

func TestVisibilityPolicy(t *testing.T) {
	team1, team2 := Viewer{TeamID: 1}, Viewer{TeamID: 2}
	cases := []struct {
		v    Viewer
		a    Audience
		want bool
	}{
		{team1, Everyone, true},
		{team1, StaffOnly, false},
		{team1, TeamsOnly(1, 3), true},
		{team2, TeamsOnly(1, 3), false},
		{Viewer{}, TeamsOnly(1), false},
		{Viewer{Staff: true}, StaffOnly, true},
		{Viewer{Observer: true}, TeamsOnly(5), true},
	}
	for i, c := range cases {
		if got := CanSee(c.v, c.a); got != c.want {
			t.Errorf("case %d: CanSee(%+v, %+v) = %v", i, c.v, c.a, got)
		}
	}
}

func TestFiredTriggerReleasesItsInjectsAndTheirFollowUps(t *testing.T) {
	s := fixture()
	st := newState(d(26))
	st.PhasesStarted["p1"] = true
	st.Released["a"], st.Released["b"] = d(5), d(15)
	st.Fired["silent"] = true
	got := Plan(s, st)
	if len(got) != 1 || got[0].Key != "escalation" || got[0].Trigger != "silent" {
		t.Fatalf("after the trigger fired: %+v", got)
	}
	st.Released["escalation"] = d(26)
	st.Now, st.PhasesStarted["p2"] = d(31), true
	if got := keys(Plan(s, st)); !eq(got, []string{"inject:follow-up"}) {
		t.Fatalf("5 minutes after the escalation: %v", got)
	}
}
