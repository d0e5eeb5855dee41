package scoring_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// matcherScenario has one inject, released at 25m in phase "two", whose
// expected actions each use one kind of matcher.
const matcherScenario = `id: evidence
version: 1
title: Evidence
summary: Matchers.
languages: [en]
duration: 60m
level: introductory
cbms: [3, 8]
objectives:
  - key: reach
    text: Reach the others.
teams:
  - {key: aurelia, name: Aurelia, kind: state, briefing: A.}
  - {key: borovia, name: Borovia, kind: state, briefing: B.}
  - {key: carpatia, name: Carpatia, kind: state, briefing: C.}
phases:
  - {key: one, title: One, starts_at: 0m, situation: Calm.}
  - key: two
    title: Two
    starts_at: 20m
    situation: Alarm.
    questions:
      - {key: q1, text: "Who?"}
      - {key: q2, text: "How?"}
injects:
  - key: alarm
    title: Alarm
    phase: two
    channel: news
    at: 25m
    body: Alarm.
    expected_actions:
      - {key: call, team: aurelia, text: Aurelia calls Borovia on the hotline., to: borovia, channels: [poc_hotline], cbms: [8], within: 10m}
      - {key: consult, team: aurelia, text: Aurelia asks for consultations., kind: consultation, cbms: [3], from: release}
      - {key: tagged, team: aurelia, text: Aurelia uses its points of contact., cbms: [8]}
      - {key: anyone, team: aurelia, text: Aurelia tells another State., to: any_team}
      - {key: control, team: aurelia, text: Aurelia reports to the control cell., to: control}
      - {key: entry, team: aurelia, text: Aurelia fills its entry., shown_by: poc_entry}
      - {key: ack, text: The team acknowledges the check., shown_by: commcheck_ack}
      - {key: answers, team: aurelia, text: Aurelia answers the questions., shown_by: answers}
      - {key: read, text: The team reads its briefing., observable: false}
      - {key: any-time, team: aurelia, text: Aurelia warns Borovia at any time., to: borovia, from: exercise_start}
rubric:
  scale: psmu
  criteria:
    - {key: reach, title: Reach, description: Reached.}
`

// testLog builds an exercise log event by event, at given exercise times.
type testLog struct {
	t   *testing.T
	evs []exercise.Event
}

func (l *testLog) add(typ string, aud exercise.Audience, data any, at time.Duration) int64 {
	raw, err := json.Marshal(data)
	if err != nil {
		l.t.Fatal(err)
	}
	seq := int64(len(l.evs) + 1)
	l.evs = append(l.evs, exercise.Event{Seq: seq, Type: typ, Audience: aud, Data: raw, Offset: at, CreatedAt: time.Unix(0, 0).Add(at)})
	return seq
}

const aur, bor, car = 1, 2, 3

func (l *testLog) msg(at time.Duration, d exercise.MessageData) int64 {
	d.From, d.Subject, d.Body = aur, "Subject", "Body"
	aud := exercise.TeamsOnly(append([]int64{aur}, d.To...)...)
	if d.All {
		aud = exercise.Everyone
	}
	return l.add(exercise.EvMessageSent, aud, d, at)
}

func (l *testLog) judge(team int64, action string, msg int64, verdict string) {
	l.add(exercise.EvEvidenceJudged, exercise.StaffOnly, scoring.JudgementData{TeamID: team, Inject: "alarm", Action: action,
		Message: msg, Verdict: verdict, By: "Eva"}, l.evs[len(l.evs)-1].Offset)
}

func mins(m int) time.Duration { return time.Duration(m) * time.Minute }

// matcherPlay is a played log: phase two was started early (by a jump, at
// 18m), the inject came out at 25m, and Aurelia wrote and did various things.
func matcherPlay(t *testing.T) (*scenario.Scenario, *testLog, map[string]int64) {
	sc, probs := scenario.Parse("evidence.yaml", []byte(matcherScenario), nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	l := &testLog{t: t}
	seqs := map[string]int64{}
	l.add(exercise.EvPhaseStarted, exercise.Everyone, exercise.PhaseData{Key: "one"}, 0)
	seqs["before-phase"] = l.msg(mins(5), exercise.MessageData{To: []int64{bor}, Channel: "poc_hotline", CBMs: []string{"8"}})
	l.add(exercise.EvPhaseStarted, exercise.Everyone, exercise.PhaseData{Key: "two"}, mins(18))
	seqs["to-carpatia"] = l.msg(mins(19), exercise.MessageData{To: []int64{car}, Channel: "osce_network", CBMs: []string{"8"},
		TagSources: map[string]string{"8": exercise.TagBySender}})
	seqs["entry"] = l.add(exercise.EvPoCUpdated, exercise.Everyone, exercise.PoCData{TeamID: aur, Entries: []exercise.PoCEntry{{Role: "policy", Name: "MFA"}}}, mins(21))
	l.add(exercise.EvAnswerUpdated, exercise.TeamInternal(aur), exercise.AnswerData{TeamID: aur, Phase: "two", Question: "q1", Text: "The CERT."}, mins(22))
	l.add(exercise.EvInjectReleased, exercise.Everyone, exercise.InjectData{Key: "alarm", Title: "Alarm"}, mins(25))
	seqs["consultation"] = l.msg(mins(26), exercise.MessageData{To: []int64{bor}, Channel: "consultation_request", CBMs: []string{"3"}, Kind: "consultation"})
	seqs["statement"] = l.msg(mins(27), exercise.MessageData{All: true, Channel: "public_statement", CBMs: []string{"8"}})
	seqs["to-control"] = l.msg(mins(28), exercise.MessageData{ToControl: true, Channel: "control"})
	check := l.add(exercise.EvCommCheck, exercise.Everyone, exercise.CommCheckData{Text: "Check"}, mins(30))
	seqs["ack"] = l.add(exercise.EvCommAck, exercise.TeamsOnly(bor), exercise.CommAckData{Check: check, TeamID: bor}, mins(31))
	seqs["answers"] = l.add(exercise.EvAnswerUpdated, exercise.TeamInternal(aur), exercise.AnswerData{TeamID: aur, Phase: "two", Question: "q2", Text: "By phone."}, mins(33))
	seqs["late-call"] = l.msg(mins(40), exercise.MessageData{To: []int64{bor}, Channel: "poc_hotline", CBMs: []string{"8"}})
	return sc, l, seqs
}

func results(t *testing.T, sc *scenario.Scenario, evs []exercise.Event) map[string]map[string]scoring.ExpectedResult {
	t.Helper()
	teams := []exercise.Team{{ID: aur, Key: "aurelia", Name: "Aurelia"}, {ID: bor, Key: "borovia", Name: "Borovia"}, {ID: car, Key: "carpatia", Name: "Carpatia"}}
	ex := &exercise.Exercise{ID: 1, Title: "t", Clock: exercise.Clock{Status: exercise.Ended, Speed: 1, Base: time.Hour}}
	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	out := map[string]map[string]scoring.ExpectedResult{}
	for _, tr := range r.Teams {
		out[tr.Key] = map[string]scoring.ExpectedResult{}
		for _, e := range tr.Metrics.Expected {
			out[tr.Key][e.Action] = e
		}
	}
	return out
}

func TestMatchers(t *testing.T) {
	sc, l, seq := matcherPlay(t)
	got := results(t, sc, l.evs)
	a := got["aurelia"]
	cases := []struct {
		team, action     string
		status, timing   string
		evidence         int64
		observed, inTime bool
	}{
		// To Borovia on the hotline: the message before the phase started is
		// out of the window, the one to Carpatia only a candidate; the match
		// came 15 minutes after the release, 5 past the time limit.
		{"aurelia", "call", scoring.StatusObserved, scoring.TimingLate, seq["late-call"], true, false},
		{"aurelia", "consult", scoring.StatusObserved, scoring.TimingInTime, seq["consultation"], true, true},
		// CBM tags alone never count by themselves.
		{"aurelia", "tagged", scoring.StatusCandidate, "", 0, false, false},
		// To any team: the public statement is addressed to no one.
		{"aurelia", "anyone", scoring.StatusObserved, scoring.TimingEarly, seq["to-carpatia"], true, true},
		{"aurelia", "control", scoring.StatusObserved, scoring.TimingInTime, seq["to-control"], true, true},
		{"aurelia", "entry", scoring.StatusObserved, scoring.TimingEarly, seq["entry"], true, true},
		{"aurelia", "ack", scoring.StatusNotObserved, "", 0, false, false},
		{"borovia", "ack", scoring.StatusObserved, scoring.TimingInTime, seq["ack"], true, true},
		{"aurelia", "answers", scoring.StatusObserved, scoring.TimingInTime, seq["answers"], true, true},
		{"carpatia", "read", scoring.StatusNotObservable, "", 0, false, false},
		{"aurelia", "any-time", scoring.StatusObserved, scoring.TimingEarly, seq["before-phase"], true, true},
	}
	for _, tc := range cases {
		e := got[tc.team][tc.action]
		if e.Status != tc.status || e.Timing != tc.timing || e.Evidence != tc.evidence || e.Observed != tc.observed || e.InTime != tc.inTime {
			t.Errorf("%s/%s: status %s timing %q evidence %d observed %v in time %v; want %s %q %d %v %v", tc.team, tc.action,
				e.Status, e.Timing, e.Evidence, e.Observed, e.InTime, tc.status, tc.timing, tc.evidence, tc.observed, tc.inTime)
		}
	}
	// The window opens at the phase's start as played (18m), not as scripted (20m).
	// Candidates: the message to Carpatia and the public statement, both tagged 8.
	if c := a["call"]; c.WindowFrom != 18*60 || len(c.Candidates) != 2 || c.Candidates[0].Message != seq["to-carpatia"] ||
		c.Candidates[0].Timing != scoring.TimingEarly || c.Candidates[1].Message != seq["statement"] {
		t.Errorf("call: window from %v, candidates %+v", c.WindowFrom, c.Candidates)
	}
	if c := a["call"].Candidates[0]; len(c.Tags) != 1 || c.Tags[0] != (scoring.TagInfo{CBM: "8", Source: exercise.TagBySender}) {
		t.Errorf("candidate tags = %+v", c.Tags)
	}
	// Only Aurelia's own actions and the ones for every team are Aurelia's.
	if _, ok := got["borovia"]["call"]; ok {
		t.Error("Borovia has Aurelia's action")
	}
	if m := a["call"].Matcher; m.ShownBy != "message" || m.To[0] != "borovia" || m.Channels[0] != "poc_hotline" || m.From != "phase_start" {
		t.Errorf("matcher = %+v", m)
	}
}

// A facilitator's verdicts: a confirmed candidate counts (and is the
// evidence when it came first), a rejected match does not, and clearing a
// verdict leaves the matcher to decide again.
func TestVerdicts(t *testing.T) {
	sc, l, seq := matcherPlay(t)
	l.judge(aur, "call", seq["late-call"], scoring.VerdictRejected)
	call := results(t, sc, l.evs)["aurelia"]["call"]
	if call.Observed || call.Status != scoring.StatusCandidate || len(call.Candidates) != 3 || call.Candidates[2].Verdict != scoring.VerdictRejected {
		t.Fatalf("after rejecting the match: %+v", call)
	}
	l.judge(aur, "call", seq["to-carpatia"], scoring.VerdictConfirmed)
	call = results(t, sc, l.evs)["aurelia"]["call"]
	if !call.Observed || call.Status != scoring.StatusConfirmed || call.Source != scoring.SourceConfirmed || call.Timing != scoring.TimingEarly ||
		call.Evidence != seq["to-carpatia"] || call.Found.Verdict != scoring.VerdictConfirmed || call.Found.By != "Eva" {
		t.Fatalf("after confirming the candidate: %+v", call)
	}
	l.judge(aur, "call", seq["late-call"], scoring.VerdictCleared)
	l.judge(aur, "call", seq["to-carpatia"], scoring.VerdictCleared)
	call = results(t, sc, l.evs)["aurelia"]["call"]
	if call.Status != scoring.StatusObserved || call.Evidence != seq["late-call"] || call.Candidates[0].Verdict != "" {
		t.Fatalf("after clearing: %+v", call)
	}
	// A verdict is for one team's action: Borovia's acknowledgement is untouched.
	if ack := results(t, sc, l.evs)["borovia"]["ack"]; ack.Status != scoring.StatusObserved {
		t.Errorf("borovia ack: %+v", ack)
	}
}

// Many loose matches: the first MaxCandidates are listed, the rest counted.
func TestCandidatesAreCapped(t *testing.T) {
	sc, l, _ := matcherPlay(t)
	for i := 0; i < scoring.MaxCandidates+5; i++ {
		l.msg(mins(41)+time.Duration(i)*time.Second, exercise.MessageData{To: []int64{car}, Channel: "osce_network", CBMs: []string{"8"}})
	}
	tagged := results(t, sc, l.evs)["aurelia"]["tagged"]
	if len(tagged.Candidates) != scoring.MaxCandidates || tagged.MoreCandidates != 8 {
		t.Errorf("%d candidates listed, %d more; want %d and 8", len(tagged.Candidates), tagged.MoreCandidates, scoring.MaxCandidates)
	}
}
