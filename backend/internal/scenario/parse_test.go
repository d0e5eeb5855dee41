package scenario

import (
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
)

func TestParseValid(t *testing.T) {
	s, probs := Parse("testdata/mini.yaml", []byte(mini(t)), nil)
	if probs != nil {
		t.Fatalf("unexpected problems:\n%v", probs)
	}
	if s.ID != "mini" || s.Version != 1 || s.Duration != time.Hour || s.Level != LevelIntroductory {
		t.Errorf("header = %q v%d %s %s", s.ID, s.Version, s.Duration, s.Level)
	}
	if s.Catalogue != cbm.DefaultID || !reflect.DeepEqual(s.CBMs, []string{"3", "8"}) {
		t.Errorf("catalogue %q cbms %v", s.Catalogue, s.CBMs)
	}
	if len(s.Teams) != 2 || s.Teams[1].Key != "borovia" || s.Teams[1].Kind != KindState {
		t.Errorf("teams = %+v", s.Teams)
	}
	if len(s.Phases) != 2 || s.Phases[1].StartsAt != 30*time.Minute || s.Phases[0].Questions[0].Key != "q1" {
		t.Errorf("phases = %+v", s.Phases)
	}
	blackout, _ := s.Inject("blackout")
	if blackout == nil || *blackout.At != 5*time.Minute || !blackout.Audience.All || blackout.Channel != InjectNews {
		t.Fatalf("blackout = %+v", blackout)
	}
	act := blackout.ExpectedActions[0]
	if !reflect.DeepEqual(act.Teams, []string{"aurelia"}) || *act.Within != 20*time.Minute || !reflect.DeepEqual(act.CBMs, []string{"8"}) {
		t.Errorf("expected action = %+v", act)
	}
	follow, _ := s.Inject("follow-up")
	if follow.After == nil || follow.After.Inject != "blackout" || follow.After.Delay != 30*time.Minute {
		t.Errorf("follow-up after = %+v", follow.After)
	}
	stmt, _ := s.Inject("statement")
	if !stmt.Contingency || !reflect.DeepEqual(stmt.Audience.Teams, []string{"aurelia"}) || stmt.Audience.Includes("borovia") {
		t.Errorf("statement = %+v", stmt)
	}
	cond := s.Triggers[0].Condition
	if cond.Type != CondNoMessage || cond.From != "aurelia" || cond.To != "borovia" ||
		cond.Deadline.After.Inject != "blackout" || cond.Deadline.After.Delay != 20*time.Minute {
		t.Errorf("condition = %+v", cond)
	}
	if s.Rubric.Scale != ScalePSMU || s.Rubric.Criteria[0].Objective != "reach" {
		t.Errorf("rubric = %+v", s.Rubric)
	}
	if got := s.AllCBMs(); !reflect.DeepEqual(got, []string{"3", "8"}) {
		t.Errorf("all CBMs = %v", got)
	}
	if c, ok := s.Channel("osce_network"); !ok || c.CBMs[0] != "10" {
		t.Errorf("osce_network = %+v", c)
	}
	if got := s.PhaseAt(45 * time.Minute); got.Key != "escalation" {
		t.Errorf("phase at 45m = %s", got.Key)
	}
}

func TestSchedule(t *testing.T) {
	s, probs := Parse("mini.yaml", []byte(mini(t)), nil)
	if probs != nil {
		t.Fatal(probs)
	}
	want := []ScheduledInject{{"blackout", 5 * time.Minute}, {"follow-up", 35 * time.Minute}}
	if got := s.Schedule(); !reflect.DeepEqual(got, want) {
		t.Errorf("schedule = %v, want %v", got, want)
	}
	if _, ok := s.ReleaseOffset("statement"); ok {
		t.Error("a contingency inject has no scripted release time")
	}
}

// An inject timed after a contingency inject waits for it: no fixed time.
func TestScheduleAfterContingency(t *testing.T) {
	injects := []Inject{
		{Key: "held", Contingency: true},
		{Key: "then", After: &After{Inject: "held", Delay: time.Minute}},
		{Key: "a", After: &After{Inject: "b"}},
		{Key: "b", After: &After{Inject: "a"}},
	}
	abs, cycles := offsets(injects)
	if len(abs) != 0 {
		t.Errorf("offsets = %v", abs)
	}
	if !reflect.DeepEqual(cycles, [][]string{{"a", "b", "a"}}) {
		t.Errorf("cycles = %v", cycles)
	}
}

func TestCheckLibrary(t *testing.T) {
	data := []byte(mini(t))
	a, _ := Parse("lib/mini.yaml", data, nil)
	b, _ := Parse("lib/other.yaml", data, nil)
	probs := CheckLibrary([]*Scenario{a, b})
	want := []string{
		`lib/other.yaml:1:5: the id is "mini" but the file is named other.yaml`,
		`lib/other.yaml:1:5: the id "mini" is already used by lib/mini.yaml`,
	}
	if len(probs) != len(want) {
		t.Fatalf("problems:\n%v", probs)
	}
	for i := range want {
		if got := probs[i].String(); len(got) < len(want[i]) || got[:len(want[i])] != want[i] {
			t.Errorf("got %s\nwant %s…", got, want[i])
		}
	}
}

// The example in the authoring guide must stay valid.
func TestReadmeExample(t *testing.T) {
	data, err := os.ReadFile("../../../scenarios/README.md")
	if err != nil {
		t.Fatal(err)
	}
	text := string(data)
	start := strings.Index(text, "<!-- example:start -->\n```yaml\n")
	end := strings.Index(text, "```\n<!-- example:end -->")
	if start < 0 || end < start {
		t.Fatal("the README has no marked example")
	}
	example := text[start+len("<!-- example:start -->\n```yaml\n") : end]
	s, probs := Parse("README.md example", []byte(example), nil)
	if probs != nil {
		t.Fatal(probs)
	}
	if at, _ := s.ReleaseOffset("pressure-drop"); at != 45*time.Minute {
		t.Errorf("pressure-drop at %s, want 45m as the comment says", at)
	}
}

func BenchmarkParse(b *testing.B) {
	data, err := os.ReadFile("../../../scenarios/grid-cascade.yaml")
	if err != nil {
		data = []byte(mini(b))
	}
	set, err := cbm.Load()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, probs := Parse("grid-cascade.yaml", data, set); probs != nil {
			b.Fatal(probs)
		}
	}
}

// The matcher fields of an expected action decode to what they say, and
// their defaults are the message, the phase start and no recipient.
func TestParseExpectedActionMatchers(t *testing.T) {
	src := edit(t, mini(t), "        cbms: [8]\n        within: 20m\n",
		"        to: [borovia, any_team]\n        channels: [poc_hotline]\n        kind: assistance\n        cbms: [8]\n        from: release\n        within: 20m\n"+
			"      - key: fill\n        team: aurelia\n        text: Aurelia fills its entry.\n        shown_by: poc_entry\n"+
			"      - key: read\n        text: Every team reads its briefing.\n        observable: false\n"+
			"      - key: talk\n        team: [aurelia, borovia]\n        text: Aurelia and Borovia talk.\n        to: [aurelia, borovia]\n")
	s, probs := Parse("f.yaml", []byte(src), nil)
	if probs != nil {
		t.Fatal(probs)
	}
	acts := s.Injects[0].ExpectedActions
	call := acts[0]
	if !reflect.DeepEqual(call.To, []string{"borovia", ToAnyTeam}) || !reflect.DeepEqual(call.Channels, []string{"poc_hotline"}) ||
		call.Kind != RequestAssistance || call.Start() != FromRelease || call.Shows() != ShownByMessage || !call.Specific() || call.NotObservable {
		t.Errorf("call = %+v", call)
	}
	if fill := acts[1]; fill.Shows() != ShownByPoCEntry || fill.Start() != FromPhaseStart || fill.Specific() || fill.NotObservable {
		t.Errorf("fill = %+v", fill)
	}
	if read := acts[2]; !read.NotObservable || read.Specific() {
		t.Errorf("read = %+v", read)
	}
	if talk := acts[3]; !talk.ExpectedOf("aurelia") || !talk.ExpectedOf("borovia") || acts[1].ExpectedOf("borovia") || !acts[2].ExpectedOf("borovia") {
		t.Errorf("talk = %+v", talk)
	}
	if got := s.KindCBMs(RequestAssistance); !reflect.DeepEqual(got, []string{"2", "13"}) {
		t.Errorf("assistance suggests %v", got)
	}
}
