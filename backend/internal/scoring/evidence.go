package scoring

import (
	"slices"
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// What the evidence of an expected action says. Automatic evidence never
// claims more than it knows: a message that fits what the scenario says
// would show the action is observed; one that only carries one of the
// action's CBM tags is a candidate, which counts once a facilitator
// confirms it.
const (
	StatusObserved      = "observed"       // a message (or record) fits the action's matcher
	StatusConfirmed     = "confirmed"      // a facilitator confirmed a candidate
	StatusCandidate     = "candidate"      // loose matches only, none judged to count
	StatusNotObserved   = "not_observed"   // nothing in the window shows it
	StatusNotObservable = "not_observable" // no record can show it: the evaluators judge it
)

// When the evidence came, against the inject's release and the action's
// time limit.
const (
	TimingEarly  = "early" // before the release: on the team's own initiative
	TimingInTime = "in_time"
	TimingLate   = "late" // after the time limit
)

// Where the evidence that counts comes from.
const (
	SourceMatched   = "matched"   // found by the matcher
	SourceConfirmed = "confirmed" // a facilitator confirmed a candidate
)

// A facilitator's verdict on a message as evidence of an action.
const (
	VerdictConfirmed = "confirmed"
	VerdictRejected  = "rejected"
	VerdictCleared   = "cleared" // withdraws an earlier verdict
)

// MaxCandidates caps the unjudged candidates listed per action: a long
// exercise tags many messages with the same CBM, and the facilitator needs
// the first ones. Judged candidates are always listed.
const MaxCandidates = 10

// JudgementData is the payload of evidence.judged: a facilitator's verdict
// on one message as the evidence of one expected action of one team.
type JudgementData struct {
	TeamID  int64  `json:"team_id"`
	Inject  string `json:"inject"`
	Action  string `json:"action"`
	Message int64  `json:"message"`
	Verdict string `json:"verdict"`
	By      string `json:"by"`
}

// Matcher is what the scenario says would show an action, as the report
// explains it.
type Matcher struct {
	ShownBy  string
	To       []string // team keys, scenario.ToAnyTeam, scenario.ToControl
	Channels []string
	Kind     string
	From     string // exercise_start, phase_start or release
}

// MessageEvidence is a message offered as the evidence of an action: the
// one that counts, or a candidate.
type MessageEvidence struct {
	Message   int64
	At        float64 // exercise seconds
	AfterSecs float64 // from the inject's release; negative when early
	Timing    string
	Subject   string
	Channel   string
	Kind      string
	To        []int64
	ToControl bool
	All       bool
	Tags      []TagInfo
	Verdict   string // "", confirmed or rejected
	By        string // who judged it
}

// TagInfo is one CBM tag of a message and where it came from (sender,
// channel, kind, request, facilitator; "" when not recorded).
type TagInfo struct {
	CBM    string
	Source string
}

type judgeKey struct {
	team           int64
	inject, action string
}

// judge folds one evidence.judged event: the latest verdict per message
// stands, and a cleared one is gone.
func (b *builder) judge(d JudgementData) {
	k := judgeKey{d.TeamID, d.Inject, d.Action}
	if d.Verdict == VerdictCleared {
		delete(b.verdicts[k], d.Message)
		return
	}
	if b.verdicts[k] == nil {
		b.verdicts[k] = map[int64]JudgementData{}
	}
	b.verdicts[k][d.Message] = d
}

// expected says what shows one expected action of team t.
func (b *builder) expected(t exercise.Team, in scenario.Inject, a scenario.ExpectedAction, released time.Duration, sent []*exercise.Message) ExpectedResult {
	er := ExpectedResult{Inject: in.Key, Action: a.Key, Text: a.Text, CBMs: a.CBMs, Candidates: []MessageEvidence{},
		Matcher: Matcher{ShownBy: string(a.Shows()), To: a.To, Channels: a.Channels, Kind: string(a.Kind), From: string(a.Start())}}
	if a.Within != nil {
		er.WithinSecs = secs(*a.Within)
	}
	if a.NotObservable {
		er.Status, er.Matcher = StatusNotObservable, Matcher{}
		return er
	}
	from := b.windowStart(in, a, released)
	er.WindowFrom = from.Seconds()
	w := window{from: from, released: released, within: a.Within}
	switch a.Shows() {
	case scenario.ShownByPoCEntry:
		b.recordEvidence(&er, w, b.firstPoCEntry(t.ID, from))
	case scenario.ShownByCommCheckAck:
		b.recordEvidence(&er, w, b.firstCommCheckAck(t.ID, from))
	case scenario.ShownByAnswers:
		b.recordEvidence(&er, w, b.phaseAnswered(t.ID, in.Phase, from))
	default:
		b.messageEvidence(&er, t, a, w, sent)
	}
	return er
}

// window is where evidence of an action counts, and how its timing reads.
type window struct {
	from, released time.Duration
	within         *time.Duration
}

func (w window) timing(at time.Duration) string {
	switch {
	case at < w.released:
		return TimingEarly
	case w.within != nil && at-w.released > *w.within:
		return TimingLate
	}
	return TimingInTime
}

// windowStart is where the action's window opens in this run: the start of
// play, the inject's release, or (by default) the start of the inject's
// phase as it happened — never after the release itself.
func (b *builder) windowStart(in scenario.Inject, a scenario.ExpectedAction, released time.Duration) time.Duration {
	switch a.Start() {
	case scenario.FromExerciseStart:
		return 0
	case scenario.FromRelease:
		return released
	}
	start, ok := b.phaseStarts[in.Phase]
	if !ok {
		if ph, found := b.sc.Phase(in.Phase); found {
			start = ph.StartsAt
		}
	}
	return min(start, released)
}

// record is an event that shows an action by itself (not a message).
type record struct {
	seq int64
	at  time.Duration
}

func (b *builder) recordEvidence(er *ExpectedResult, w window, r *record) {
	if r == nil {
		er.Status = StatusNotObserved
		return
	}
	er.Status, er.Source, er.Evidence = StatusObserved, SourceMatched, r.seq
	b.setTiming(er, w, r.at)
}

// setTiming fills the timing fields of an action whose evidence came at at.
func (b *builder) setTiming(er *ExpectedResult, w window, at time.Duration) {
	after := at - w.released
	er.Observed, er.AfterSecs, er.Timing = true, secs(after), w.timing(at)
	er.InTime = w.within == nil || after <= *w.within
}

func (b *builder) firstPoCEntry(teamID int64, from time.Duration) *record {
	for _, e := range b.evs {
		if e.Type != exercise.EvPoCUpdated || e.Offset < from {
			continue
		}
		if d := exercise.DataOf[exercise.PoCData](e); d.TeamID == teamID && len(d.Entries) > 0 {
			return &record{e.Seq, e.Offset}
		}
	}
	return nil
}

func (b *builder) firstCommCheckAck(teamID int64, from time.Duration) *record {
	for _, e := range b.evs {
		if e.Type == exercise.EvCommAck && e.Offset >= from && exercise.DataOf[exercise.CommAckData](e).TeamID == teamID {
			return &record{e.Seq, e.Offset}
		}
	}
	return nil
}

// phaseAnswered is when the team had written an answer to every question
// of the phase (each question's first answer in the window): the record is
// the answer that completed the set.
func (b *builder) phaseAnswered(teamID int64, phase string, from time.Duration) *record {
	ph, ok := b.sc.Phase(phase)
	if !ok || len(ph.Questions) == 0 {
		return nil
	}
	first := map[string]record{}
	var last record
	for _, e := range b.evs {
		if e.Type != exercise.EvAnswerUpdated || e.Offset < from {
			continue
		}
		d := exercise.DataOf[exercise.AnswerData](e)
		if _, seen := first[d.Question]; seen || d.TeamID != teamID || d.Phase != phase || d.Text == "" {
			continue
		}
		first[d.Question], last = record{e.Seq, e.Offset}, record{e.Seq, e.Offset}
		if len(first) == len(ph.Questions) {
			return &last
		}
	}
	return nil
}

// messageEvidence looks through the team's messages, in log order, for the
// first that counts: one that fits the matcher in the window, or one a
// facilitator confirmed. Messages in the window that only carry one of the
// action's CBMs are listed as candidates, as is every judged message.
func (b *builder) messageEvidence(er *ExpectedResult, t exercise.Team, a scenario.ExpectedAction, w window, sent []*exercise.Message) {
	verdicts := b.verdicts[judgeKey{t.ID, er.Inject, er.Action}]
	open := 0
	for _, m := range sent {
		v, judged := verdicts[m.Seq]
		inWindow := m.Offset >= w.from
		fits := inWindow && a.Specific() && b.fits(a, m) && v.Verdict != VerdictRejected
		switch {
		case fits && er.Source == "":
			b.countMessage(er, w, m, SourceMatched, v)
		case fits:
		case judged:
			ev := b.messageInfo(m, w, v)
			if v.Verdict == VerdictConfirmed && er.Source == "" {
				b.countMessage(er, w, m, SourceConfirmed, v)
			}
			er.Candidates = append(er.Candidates, ev)
		case inWindow && loose(a, m):
			if open == MaxCandidates {
				er.MoreCandidates++
				continue
			}
			open++
			er.Candidates = append(er.Candidates, b.messageInfo(m, w, v))
		}
	}
	switch {
	case er.Source == SourceMatched:
		er.Status = StatusObserved
	case er.Source == SourceConfirmed:
		er.Status = StatusConfirmed
	case open > 0:
		er.Status = StatusCandidate
	default:
		er.Status = StatusNotObserved
	}
}

func (b *builder) countMessage(er *ExpectedResult, w window, m *exercise.Message, source string, v JudgementData) {
	ev := b.messageInfo(m, w, v)
	er.Source, er.Evidence, er.Found = source, m.Seq, &ev
	b.setTiming(er, w, m.Offset)
}

// fits tells whether a message is what the action's specific fields (to,
// channels, kind) describe: every field given holds.
func (b *builder) fits(a scenario.ExpectedAction, m *exercise.Message) bool {
	return (len(a.To) == 0 || slices.ContainsFunc(a.To, func(to string) bool { return b.reaches(m, to) })) &&
		(len(a.Channels) == 0 || slices.Contains(a.Channels, m.Channel)) &&
		(a.Kind == "" || m.Kind == string(a.Kind))
}

// reaches tells whether a message goes to a recipient of an expected
// action. A message to all teams goes to each of them, except a public
// statement, which is addressed to no one in particular: an action that a
// statement shows names its channel.
func (b *builder) reaches(m *exercise.Message, to string) bool {
	if to == scenario.ToControl {
		return m.ToControl
	}
	if key, ok := strings.CutPrefix(to, scenario.ActorPrefix); ok {
		return m.ToActor(key)
	}
	if m.All {
		ch, _ := b.sc.Channel(m.Channel)
		return !ch.AllTeams
	}
	if to == scenario.ToAnyTeam {
		return len(m.To) > 0
	}
	id, ok := b.teamIDs[to]
	return ok && slices.Contains(m.To, id)
}

// loose tells whether a message carries one of the action's CBM tags (by
// the facilitators' correction where there is one); for an action with no
// CBMs and no specific field, any message is loose evidence.
func loose(a scenario.ExpectedAction, m *exercise.Message) bool {
	if len(a.CBMs) == 0 {
		return !a.Specific()
	}
	return slices.ContainsFunc(m.Tags(), func(c string) bool { return slices.Contains(a.CBMs, c) })
}

func (b *builder) messageInfo(m *exercise.Message, w window, v JudgementData) MessageEvidence {
	ev := MessageEvidence{Message: m.Seq, At: m.Offset.Seconds(), AfterSecs: (m.Offset - w.released).Seconds(), Timing: w.timing(m.Offset),
		Subject: m.Subject, Channel: m.Channel, Kind: m.Kind, To: nonNilIDs(m.To), ToControl: m.ToControl, All: m.All,
		Tags: []TagInfo{}, Verdict: v.Verdict, By: v.By}
	for _, c := range m.Tags() {
		ev.Tags = append(ev.Tags, TagInfo{CBM: c, Source: m.TagSource(c)})
	}
	return ev
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}

func hasKey[K comparable, V any](m map[K]V, k K) bool {
	_, ok := m[k]
	return ok
}
