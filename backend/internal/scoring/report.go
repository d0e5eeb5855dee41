package scoring

import (
	"slices"
	"sort"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// Report is the after-action report of one exercise. Times are seconds of
// exercise time unless named wall.
type Report struct {
	// Language is the one the scenario's texts are in.
	Language    string
	Exercise    ExerciseInfo
	Published   bool
	Timeline    []TimelineEntry
	Answers     []Answer
	Statements  []Statement // the teams' statements for the tours de table
	Teams       []TeamReport
	HeatMap     HeatMap
	Notes       []Note // facilitator observations (staff)
	Plan        []ImprovementData
	Definitions map[string]string
	Roles       []TeamRole            // every team, by its role in the scenario
	Attribution *workshop.Attribution // set when the workshop turned on attributed results

	// What For needs to cut one viewer's copy.
	p        *exercise.Projection // the folded log, for the answers' visibility
	baseCBMs []string             // the scenario's CBMs, the heat map's first rows
	sc       *scenario.Scenario   // for the phase titles and questions of the answers
}

// Answer is a team's answer to a stage question, with the phase's title and
// the question's text, so that a reader never has to decode keys.
type Answer struct {
	exercise.Answer
	PhaseTitle   string
	QuestionText string
}

// Statement is a team's statement for the tour de table of a phase, with
// the phase's title and when and how long the delegation had the floor
// (nil when it did not speak in the tour).
type Statement struct {
	exercise.Statement
	PhaseTitle string
	SpokeAt    *time.Duration
	SpokeFor   *time.Duration
}

// ExerciseInfo is the overview.
type ExerciseInfo struct {
	ID         int64
	Title      string
	Scenario   string
	Version    int
	Summary    string
	Status     exercise.Status
	StartedAt  *time.Time
	EndedAt    *time.Time
	Duration   float64
	Objectives []Objective
	Scale      string
	Criteria   []Criterion
}

// Objective is one of the scenario's objectives.
type Objective struct {
	Key  string
	Text string
	CBMs []string
}

// Criterion is one of the rubric's criteria; Injects are those the reader
// of a copy received.
type Criterion struct {
	Key         string
	Title       string
	Description string
	CBMs        []string
	Injects     []string
}

// TimelineEntry is one inject or key action.
type TimelineEntry struct {
	Seq     int64
	At      float64
	Kind    string // phase, inject, message, request, clock
	Title   string
	TeamID  int64   // who acted
	Teams   []int64 // who received
	CBMs    []string
	Channel string
	Detail  string
	// A jump to a phase: who jumped, at what wall time, and when the script
	// had an inject it released or skipped, or the time it jumped from.
	By     string
	Wall   *time.Time
	DueAt  *float64
	FromAt *float64

	audience exercise.Audience // of the event it comes from
}

// TeamReport is one team's scorecard and measured evidence.
type TeamReport struct {
	TeamID       int64
	Key          string
	Name         string // the role in the scenario (see TeamRole)
	Delegation   string // the real delegation, only with attributed results
	Scorecard    []CriterionScore
	Strengths    string
	Improvements string
	Metrics      Metrics
	Agreement    *Agreement // how far its raters agree; nil unless two scored a criterion in common
}

// CriterionScore is a criterion with every facilitator's latest score, the
// agreed final one, and whether the facilitators differ.
type CriterionScore struct {
	Criterion string
	Scores    []ScoreData
	Final     *ScoreData
	Differ    bool
}

// Metrics is what the system measured for a team: evidence beside the
// rubric, never the score itself.
type Metrics struct {
	MessagesSent        int
	MessagesReceived    int
	InjectResponses     []InjectResponse
	RequestsSent        int
	RequestsAnswered    int
	RequestsReceived    []RequestTiming
	MedianAckSeconds    *float64
	MedianAnswerSeconds *float64
	Expected            []ExpectedResult
	CBMUse              map[string]int // messages tagged per CBM
	ExpectedCBMs        []string       // CBMs the scenario expected of the team
	PoCComplete         bool
	CommChecks          []CommCheckTime
}

// InjectResponse is the time from an inject reaching a team to the team's
// first message after it.
type InjectResponse struct {
	Inject          string
	ReleasedAt      float64
	FirstActionSecs *float64
}

// RequestTiming is a request a team received and how fast it reacted.
type RequestTiming struct {
	Message    int64
	From       int64
	Kind       string
	Status     string
	AckSecs    *float64
	AnswerSecs *float64
}

// ExpectedResult says whether an expected action of the scenario happened,
// and on what evidence (see evidence.go).
type ExpectedResult struct {
	Inject     string
	Action     string
	Text       string
	CBMs       []string
	Observed   bool     // counts in the report: observed or confirmed
	AfterSecs  *float64 // from the inject's release to the evidence; negative when early
	WithinSecs *float64
	InTime     bool  // counts, and within the time limit (early counts as in time)
	Evidence   int64 // the event that shows it: a message, or a directory entry, acknowledgement or answer

	Status         string            // StatusObserved, StatusConfirmed, StatusCandidate…
	Timing         string            // TimingEarly, TimingInTime, TimingLate; "" when nothing counts
	Source         string            // SourceMatched or SourceConfirmed; "" when nothing counts
	Matcher        Matcher           // what the scenario says would show it
	WindowFrom     float64           // exercise seconds where evidence starts to count
	Found          *MessageEvidence  // the message that counts, when a message shows it
	Candidates     []MessageEvidence // loose matches and every judged message
	MoreCandidates int               // unjudged candidates left out of the list
}

// CommCheckTime is a team's acknowledgement of one communication check.
type CommCheckTime struct {
	Check   int64
	AckSecs *float64
}

// HeatMap counts, per CBM and team, the messages that used the CBM.
type HeatMap struct {
	CBMs   []string
	Teams  []int64
	Counts map[string]map[int64]int  // cbm → team → messages
	Expect map[string]map[int64]bool // cbm → team → expected by the scenario
}

// Note is a facilitator observation.
type Note struct {
	At   float64
	Text string
	By   string
}

// For is the copy of the report v may read. Every part goes through the one
// visibility policy (exercise.CanSee), as the stream and the REST reads do:
//
//   - the report as a whole is staff-only until the facilitators publish it;
//   - the timeline keeps the entries whose event v could see during play;
//   - the answers are those v could read (a team's own, shared phases');
//   - a team's scorecard, assessment, measured evidence and heat-map column
//     are that team's own (exercise.TeamInternal): staff see every team's, a
//     team its own, an observer none;
//   - a criterion names only the injects v received; notes are staff-only.
//
// Staff get everything.
func (r *Report) For(v exercise.Viewer) (*Report, error) {
	if !exercise.CanSee(v, r.audience()) {
		return nil, errNotPublished
	}
	out := *r
	out.Timeline = keep(r.Timeline, func(e TimelineEntry) bool { return exercise.CanSee(v, e.audience) })
	out.Answers = r.answers(v)
	out.Statements = r.statements(v)
	out.Teams = keep(r.Teams, func(t TeamReport) bool { return exercise.CanSee(v, exercise.TeamInternal(t.TeamID)) })
	out.HeatMap = newHeatMap(r.baseCBMs, out.Teams)
	if !exercise.CanSee(v, exercise.StaffOnly) {
		out.Notes = nil
	}
	out.Exercise.Criteria = make([]Criterion, len(r.Exercise.Criteria))
	for i, c := range r.Exercise.Criteria {
		c.Injects = keep(c.Injects, func(key string) bool { return exercise.CanSee(v, r.injectAudience(key)) })
		out.Exercise.Criteria[i] = c
	}
	return &out, nil
}

// audience is who may read the report at all: staff, and everyone once
// it is published.
func (r *Report) audience() exercise.Audience {
	if r.Published {
		return exercise.Everyone
	}
	return exercise.StaffOnly
}

// injectAudience is who received an inject; one not released (pending,
// held, skipped) is still the facilitators' plan.
func (r *Report) injectAudience(key string) exercise.Audience {
	if ri, ok := r.p.ReleasedInfo[key]; ok {
		return ri.Audience
	}
	return exercise.StaffOnly
}

// keep returns the elements of xs that ok accepts, never nil.
func keep[T any](xs []T, ok func(T) bool) []T {
	out := make([]T, 0, len(xs))
	for _, x := range xs {
		if ok(x) {
			out = append(out, x)
		}
	}
	return out
}

var definitions = map[string]string{
	"cbms":                 "The OSCE cyber/ICT confidence-building measures (CBMs) are voluntary and politically, not legally, binding. The figures and scores describe how the teams used them in this exercise: used, used late, used partly, or not used in this exercise.",
	"roles":                "Teams are named by their roles in the scenario (fictional States). The report looks at how the measures worked between the roles, not at which real delegation played them, unless the organisers turned on attributed results for this workshop; the report then says so, and why.",
	"first_action_seconds": "Exercise time from an inject reaching the team to the team's first message after it.",
	"ack_seconds":          "Exercise time from a request reaching the team to the team acknowledging it.",
	"answer_seconds":       "Exercise time from a request reaching the team to its answer.",
	"expected_actions":     "An expected action counts when it is observed — the team sent a message that fits what the scenario says would show it (recipient, channel or request kind), or made the record that shows it (directory entry, acknowledgement, answers) — or when a facilitator confirmed a candidate: a message that only carries one of the action's CBM tags, which alone does not count. Evidence counts from the start of the inject's phase (or the exercise start or the inject's release, as the scenario says); before the inject it is early, after its time limit late. Actions no record can show are judged by the evaluators.",
	"cbm_use":              "Messages the team sent that used each CBM, by the facilitators' correction where there is one, else by the sender's own tags.",
	"poc_complete":         "The team's points-of-contact entry names both a policy and a technical point of contact.",
	"comm_checks":          "Exercise time from a communication check to the team's acknowledgement.",
	"differ":               "The facilitators who scored this criterion gave different scores.",
	"agreement":            "How far the facilitators who scored a team agree, over the criteria two or more of them scored: the share of criteria scored alike (percentage agreement) and Cohen's kappa, which discounts the agreement chance alone would give (1 full agreement, 0 no more than chance, below 0 less). With more than two facilitators, both are the mean over every pair (for kappa, Light's kappa). Kappa is not defined when chance alone explains all agreement (both gave every criterion the same one score). A score marked as agreed counts as its author's own only where no other facilitator had scored the criterion before it.",
}

// Build makes the whole report — the staff's copy — from the scenario, the
// teams and the whole log, as of wall time now (for an exercise still
// running). For cuts each reader's copy from it.
func Build(sc *scenario.Scenario, ex *exercise.Exercise, teams []exercise.Team, evs []exercise.Event, now time.Time) *Report {
	p := exercise.NewProjection(teams)
	p.Apply(evs...)
	b := &builder{sc: sc, teams: teams, p: p, evs: evs, teamIDs: map[string]int64{}}
	for _, t := range teams {
		b.teamIDs[t.Key] = t.ID
	}
	r := &Report{Exercise: b.overview(ex, now), Definitions: definitions, Plan: []ImprovementData{}, p: p, baseCBMs: sc.AllCBMs(), sc: sc}
	b.scan(r)
	for _, t := range teams {
		r.Teams = append(r.Teams, b.team(t))
	}
	r.Roles = b.roles()
	r.HeatMap = newHeatMap(r.baseCBMs, r.Teams)
	r.Answers = r.answers(exercise.Viewer{Staff: true})
	r.Statements = r.statements(exercise.Viewer{Staff: true})
	return r
}

// statements are the tour statements v may read (a team's own; every
// team's once the tour is closed), in the scenario's order of phases.
func (r *Report) statements(v exercise.Viewer) []Statement {
	order := map[string]int{}
	titles := map[string]string{}
	for i, ph := range r.sc.Phases {
		order[ph.Key], titles[ph.Key] = i, ph.Title
	}
	out := []Statement{}
	for _, st := range r.p.VisibleStatements(v) {
		if st.Text == "" {
			continue
		}
		s := Statement{Statement: st, PhaseTitle: titles[st.Phase]}
		s.SpokeAt, s.SpokeFor = floorTime(r.p.Tours[st.Phase], st.TeamID)
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return order[out[i].Phase] < order[out[j].Phase] })
	return out
}

// floorTime is when a team took the floor in a tour and for how long (until
// the next speaker or the close; open-ended while it still speaks).
func floorTime(t exercise.Tour, team int64) (at, dur *time.Duration) {
	for i, turn := range t.Turns {
		if turn.TeamID != team {
			continue
		}
		start := turn.Offset
		at = &start
		var end *time.Duration
		if i+1 < len(t.Turns) {
			end = &t.Turns[i+1].Offset
		} else if t.Closed != nil {
			end = &t.Closed.Offset
		}
		if end != nil {
			d := *end - start
			dur = &d
		}
	}
	return at, dur
}

// answers are the answers v may read, titled, in the scenario's order of
// phases and questions (then by team).
func (r *Report) answers(v exercise.Viewer) []Answer {
	type question struct {
		phase, index int
		phaseTitle   string
		text         string
	}
	questions := map[[2]string]question{}
	for i, ph := range r.sc.Phases {
		for j, q := range ph.Questions {
			questions[[2]string{ph.Key, q.Key}] = question{i, j, ph.Title, q.Text}
		}
	}
	at := func(a Answer) question { return questions[[2]string{a.Phase, a.Question}] }
	out := []Answer{}
	for _, a := range r.p.VisibleAnswers(v) {
		q := questions[[2]string{a.Phase, a.Question}]
		out = append(out, Answer{Answer: a, PhaseTitle: q.phaseTitle, QuestionText: q.text})
	}
	sort.SliceStable(out, func(i, j int) bool {
		a, b := at(out[i]), at(out[j])
		switch {
		case a.phase != b.phase:
			return a.phase < b.phase
		case a.index != b.index:
			return a.index < b.index
		}
		return out[i].TeamID < out[j].TeamID
	})
	return out
}

type builder struct {
	sc     *scenario.Scenario
	teams  []exercise.Team
	p      *exercise.Projection
	evs    []exercise.Event
	scores []ScoreData
	assess map[int64]AssessmentData
	// For the expected actions' evidence (evidence.go).
	teamIDs     map[string]int64
	phaseStarts map[string]time.Duration // when each phase started in this run
	verdicts    map[judgeKey]map[int64]JudgementData
}

func (b *builder) overview(ex *exercise.Exercise, now time.Time) ExerciseInfo {
	info := ExerciseInfo{ID: ex.ID, Title: ex.Title, Scenario: b.sc.Title, Version: b.sc.Version, Summary: b.sc.Summary,
		Status: ex.Clock.Status, Duration: ex.Clock.Now(now).Seconds(), Scale: string(b.sc.Rubric.Scale)}
	for _, o := range b.sc.Objectives {
		info.Objectives = append(info.Objectives, Objective{o.Key, o.Text, o.CBMs})
	}
	for _, c := range b.sc.Rubric.Criteria {
		info.Criteria = append(info.Criteria, Criterion{c.Key, c.Title, c.Description, c.CBMs, c.Injects})
	}
	return info
}

// scan reads the scoring events and the timeline from the log.
func (b *builder) scan(r *Report) {
	b.assess = map[int64]AssessmentData{}
	b.phaseStarts, b.verdicts = map[string]time.Duration{}, map[judgeKey]map[int64]JudgementData{}
	for _, e := range b.evs {
		switch e.Type {
		case exercise.EvPhaseStarted:
			if k := exercise.DataOf[exercise.PhaseData](e).Key; !hasKey(b.phaseStarts, k) {
				b.phaseStarts[k] = e.Offset
			}
		case exercise.EvEvidenceJudged:
			b.judge(exercise.DataOf[JudgementData](e))
		case exercise.EvScore:
			d := exercise.DataOf[ScoreData](e)
			b.scores = append(b.scores, d)
		case exercise.EvAssessment:
			d := exercise.DataOf[AssessmentData](e)
			b.assess[d.TeamID] = d
		case exercise.EvImprovement:
			d := exercise.DataOf[ImprovementData](e)
			r.Plan = append(r.Plan, d)
		case exercise.EvPublished:
			r.Published = true
		case exercise.EvNote:
			d := exercise.DataOf[exercise.NoteData](e)
			r.Notes = append(r.Notes, Note{At: e.Offset.Seconds(), Text: d.Text, By: d.By})
		case exercise.EvClock:
			b.clockTimes(r, e)
		}
		if t, ok := b.timelineEntry(e); ok {
			r.Timeline = append(r.Timeline, t)
		}
	}
}

func (b *builder) clockTimes(r *Report, e exercise.Event) {
	d := exercise.DataOf[exercise.ClockData](e)
	at := e.CreatedAt
	switch d.Action {
	case "start":
		r.Exercise.StartedAt = &at
	case "end":
		r.Exercise.EndedAt = &at
	}
}

func (b *builder) timelineEntry(e exercise.Event) (TimelineEntry, bool) {
	t := TimelineEntry{Seq: e.Seq, At: e.Offset.Seconds(), audience: e.Audience}
	switch e.Type {
	case exercise.EvPhaseStarted:
		d := exercise.DataOf[exercise.PhaseData](e)
		t.Kind, t.Title, t.Detail = "phase", d.Title, d.Clock
	case exercise.EvInjectReleased:
		d := exercise.DataOf[exercise.InjectData](e)
		t.Kind, t.Title, t.Channel, t.Teams, t.Detail = "inject", d.Title, d.Channel, b.receivers(e.Audience), d.Source
		if d.Source == "jump" {
			t.jumped(e, d.By)
			t.DueAt = &d.DueSeconds
		}
	case exercise.EvInjectSkipped, exercise.EvClock:
		return b.jumpEntry(e, t)
	case exercise.EvMessageSent:
		m := b.p.Mail[e.Seq]
		t.Kind, t.Title, t.TeamID, t.Teams, t.Channel, t.CBMs = "message", m.Subject, m.From, m.To, m.Channel, m.Tags()
		if m.Kind != "" {
			t.Kind, t.Detail = "request", m.Kind
		}
	case exercise.EvRequestUpdated:
		d := exercise.DataOf[exercise.RequestUpdate](e)
		m := b.p.Mail[d.Message]
		if m == nil {
			return t, false
		}
		t.Kind, t.Title, t.TeamID, t.Teams, t.Detail = "request", m.Subject, d.TeamID, append([]int64{m.From}, m.To...), d.Status
	default:
		return t, false
	}
	return t, true
}

// jumpEntry is the timeline's entry for a jump to a phase, or for an
// inject the jump skipped; other clock changes and skips are not entries.
func (b *builder) jumpEntry(e exercise.Event, t TimelineEntry) (TimelineEntry, bool) {
	if e.Type == exercise.EvClock {
		d := exercise.DataOf[exercise.ClockData](e)
		if d.Action != "jump" {
			return t, false
		}
		t.Kind, t.Title, t.Detail = "clock", d.Phase, "jump"
		if ph, ok := b.sc.Phase(d.Phase); ok {
			t.Title = ph.Title
		}
		t.jumped(e, d.By)
		t.FromAt = &d.FromSeconds
		return t, true
	}
	d := exercise.DataOf[exercise.KeyData](e)
	in, ok := b.sc.Inject(d.Key)
	if !d.Jump || !ok {
		return t, false
	}
	t.Kind, t.Title, t.Channel, t.Detail = "inject", in.Title, string(in.Channel), "jump_skipped"
	t.jumped(e, d.By)
	t.DueAt = d.DueSeconds
	return t, true
}

// jumped marks an entry as the work of a jump: who, and when (wall time).
func (t *TimelineEntry) jumped(e exercise.Event, by string) {
	wall := e.CreatedAt
	t.By, t.Wall = by, &wall
}

// receivers lists the teams an audience reaches.
func (b *builder) receivers(a exercise.Audience) []int64 {
	var out []int64
	for _, t := range b.teams {
		if exercise.CanSee(exercise.Viewer{TeamID: t.ID}, a) {
			out = append(out, t.ID)
		}
	}
	return out
}

func (b *builder) team(t exercise.Team) TeamReport {
	tr := TeamReport{TeamID: t.ID, Key: t.Key, Name: b.role(t).Name, Metrics: b.metrics(t)}
	if a, ok := b.assess[t.ID]; ok {
		tr.Strengths, tr.Improvements = a.Strengths, a.Improvements
	}
	for _, c := range b.sc.Rubric.Criteria {
		tr.Scorecard = append(tr.Scorecard, b.criterion(t.ID, c.Key))
	}
	tr.Agreement = agreementOf(tr.Scorecard)
	return tr
}

// criterion keeps each facilitator's latest score and the latest final one.
// A final score is also its author's own latest score (one facilitator
// scoring alone marks their score as agreed), unless another facilitator
// had scored the criterion before it: then it is the consensus, and each
// one's own score stays what they gave, so that the agreement between them
// is measured on their independent scores.
func (b *builder) criterion(teamID int64, key string) CriterionScore {
	cs := CriterionScore{Criterion: key, Scores: []ScoreData{}}
	latest := map[int64]int{}
	for _, s := range b.scores {
		if s.TeamID != teamID || s.Criterion != key {
			continue
		}
		if s.Final {
			f := s
			cs.Final = &f
			if othersScored(latest, s.ByUser) {
				continue
			}
		}
		if i, ok := latest[s.ByUser]; ok {
			cs.Scores[i] = s
		} else {
			latest[s.ByUser] = len(cs.Scores)
			cs.Scores = append(cs.Scores, s)
		}
	}
	for _, s := range cs.Scores {
		cs.Differ = cs.Differ || s.Value != cs.Scores[0].Value
	}
	return cs
}

// othersScored tells whether someone other than user has a score among latest.
func othersScored(latest map[int64]int, user int64) bool {
	for u := range latest {
		if u != user {
			return true
		}
	}
	return false
}

// newHeatMap counts the given teams' CBM use: rows are the scenario's CBMs
// and any other CBM one of these teams used.
func newHeatMap(base []string, teams []TeamReport) HeatMap {
	h := HeatMap{CBMs: append([]string{}, base...), Teams: []int64{}, Counts: map[string]map[int64]int{}, Expect: map[string]map[int64]bool{}}
	for _, t := range teams {
		h.Teams = append(h.Teams, t.TeamID)
		for c, n := range t.Metrics.CBMUse {
			if !slices.Contains(h.CBMs, c) {
				h.CBMs = append(h.CBMs, c)
			}
			if h.Counts[c] == nil {
				h.Counts[c] = map[int64]int{}
			}
			h.Counts[c][t.TeamID] = n
		}
		for _, c := range t.Metrics.ExpectedCBMs {
			if h.Expect[c] == nil {
				h.Expect[c] = map[int64]bool{}
			}
			h.Expect[c][t.TeamID] = true
		}
	}
	cbm.SortKeys(h.CBMs)
	return h
}

func median(xs []float64) *float64 {
	if len(xs) == 0 {
		return nil
	}
	s := append([]float64(nil), xs...)
	sort.Float64s(s)
	m := s[len(s)/2]
	if len(s)%2 == 0 {
		m = (s[len(s)/2-1] + s[len(s)/2]) / 2
	}
	return &m
}

func secs(d time.Duration) *float64 {
	f := d.Seconds()
	return &f
}
