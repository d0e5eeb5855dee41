package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// The after-action report as the API shows it (scoring.Report is the
// domain's). Times are seconds of exercise time unless named wall.

// reportEnvelope answers GET /exercises/{id}/report.
type reportEnvelope struct {
	Report reportJSON `json:"report"`
	// Survey is the feedback survey's summary for the annex (staff only).
	Survey *surveySummaryJSON `json:"survey,omitempty"`
}

type reportJSON struct {
	Exercise    reportExerciseJSON    `json:"exercise"`
	Published   bool                  `json:"published"`
	Timeline    []timelineEntryJSON   `json:"timeline"`
	Answers     []reportAnswerJSON    `json:"answers"`
	Statements  []reportStatementJSON `json:"statements"`
	Teams       []teamReportJSON      `json:"teams"`
	HeatMap     heatMapJSON           `json:"heat_map"`
	Notes       []noteJSON            `json:"notes,omitempty"` // facilitator observations (staff)
	Plan        []improvementJSON     `json:"improvement_plan"`
	Definitions map[string]string     `json:"definitions"`
	Language    string                `json:"language"`
	Roles       []teamRoleJSON        `json:"roles"`       // every team, by its role in the scenario
	Attribution *attributionJSON      `json:"attribution"` // null: non-attributive (the default)
}

func toReportJSON(r *scoring.Report) reportJSON {
	return reportJSON{Exercise: toReportExerciseJSON(r.Exercise), Published: r.Published,
		Timeline: each(r.Timeline, toTimelineEntryJSON), Answers: each(r.Answers, toReportAnswerJSON),
		Statements: each(r.Statements, toReportStatementJSON),
		Teams:      each(r.Teams, toAttributedTeamJSON), HeatMap: heatMapJSON(r.HeatMap), Notes: each(r.Notes, toNoteJSON),
		Plan: each(r.Plan, toImprovementJSON), Definitions: r.Definitions, Language: r.Language,
		Roles: each(r.Roles, toTeamRoleJSON), Attribution: toAttributionJSON(r.Attribution)}
}

type reportExerciseJSON struct {
	ID         int64                 `json:"id"`
	Title      string                `json:"title"`
	Scenario   string                `json:"scenario"`
	Version    int                   `json:"scenario_version"`
	Summary    string                `json:"summary"`
	Status     exercise.Status       `json:"status"`
	StartedAt  *time.Time            `json:"started_at"`
	EndedAt    *time.Time            `json:"ended_at"`
	Duration   float64               `json:"played_seconds"`
	Objectives []objectiveJSON       `json:"objectives"`
	Scale      string                `json:"scale"`
	Criteria   []reportCriterionJSON `json:"criteria"`
}

// reportCriterionJSON is a rubric criterion; injects are those the reader
// received.
type reportCriterionJSON struct {
	Key         string   `json:"key"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	CBMs        []string `json:"cbms"`
	Injects     []string `json:"injects"`
}

func toReportExerciseJSON(e scoring.ExerciseInfo) reportExerciseJSON {
	return reportExerciseJSON{ID: e.ID, Title: e.Title, Scenario: e.Scenario, Version: e.Version, Summary: e.Summary,
		Status: e.Status, StartedAt: e.StartedAt, EndedAt: e.EndedAt, Duration: e.Duration,
		Objectives: each(e.Objectives, func(o scoring.Objective) objectiveJSON { return objectiveJSON(o) }),
		Scale:      e.Scale,
		Criteria:   each(e.Criteria, func(c scoring.Criterion) reportCriterionJSON { return reportCriterionJSON(c) })}
}

// timelineEntryJSON is one inject or key action.
type timelineEntryJSON struct {
	Seq     int64    `json:"seq"`
	At      float64  `json:"at_seconds"`
	Kind    string   `json:"kind"` // phase, inject, message, request, clock (a jump)
	Title   string   `json:"title"`
	TeamID  int64    `json:"team_id,omitempty"` // who acted
	Teams   []int64  `json:"teams,omitempty"`   // who received
	CBMs    []string `json:"cbms,omitempty"`
	Channel string   `json:"channel,omitempty"`
	Detail  string   `json:"detail,omitempty"`
	// A jump to a phase: who jumped, when, and the script's time of an
	// inject it released or skipped, or the time it jumped from.
	By     string     `json:"by,omitempty"`
	Wall   *time.Time `json:"wall_at,omitempty"`
	DueAt  *float64   `json:"due_seconds,omitempty"`
	FromAt *float64   `json:"from_seconds,omitempty"`
}

func toTimelineEntryJSON(t scoring.TimelineEntry) timelineEntryJSON {
	return timelineEntryJSON{Seq: t.Seq, At: t.At, Kind: t.Kind, Title: t.Title, TeamID: t.TeamID, Teams: t.Teams,
		CBMs: t.CBMs, Channel: t.Channel, Detail: t.Detail, By: t.By, Wall: t.Wall, DueAt: t.DueAt, FromAt: t.FromAt}
}

// reportAnswerJSON is a team's latest answer to a stage question, with the
// phase's title and the question's text.
type reportAnswerJSON struct {
	TeamID       int64     `json:"team_id"`
	Phase        string    `json:"phase"`
	PhaseTitle   string    `json:"phase_title"`
	Question     string    `json:"question"`
	QuestionText string    `json:"question_text"`
	Text         string    `json:"text"`
	By           string    `json:"by"`
	Seq          int64     `json:"seq"`
	UpdatedAt    time.Time `json:"updated_at"`
}

func toReportAnswerJSON(a scoring.Answer) reportAnswerJSON {
	return reportAnswerJSON{TeamID: a.TeamID, Phase: a.Phase, PhaseTitle: a.PhaseTitle, Question: a.Question,
		QuestionText: a.QuestionText, Text: a.Text, By: a.By, Seq: a.Seq, UpdatedAt: a.UpdatedAt}
}

// reportStatementJSON is a team's statement for a tour de table.
type reportStatementJSON struct {
	TeamID     int64     `json:"team_id"`
	Phase      string    `json:"phase"`
	PhaseTitle string    `json:"phase_title"`
	Text       string    `json:"text"`
	By         string    `json:"by"`
	UpdatedAt  time.Time `json:"updated_at"`
	SpokeAt    *float64  `json:"spoke_at_seconds"`
	SpokeFor   *float64  `json:"spoke_seconds"`
}

func toReportStatementJSON(s scoring.Statement) reportStatementJSON {
	seconds := func(d *time.Duration) *float64 {
		if d == nil {
			return nil
		}
		v := d.Seconds()
		return &v
	}
	return reportStatementJSON{TeamID: s.TeamID, Phase: s.Phase, PhaseTitle: s.PhaseTitle, Text: s.Text, By: s.By,
		UpdatedAt: s.UpdatedAt, SpokeAt: seconds(s.SpokeAt), SpokeFor: seconds(s.SpokeFor)}
}

// teamReportJSON is one team's scorecard and measured evidence.
type teamReportJSON struct {
	TeamID       int64                `json:"team_id"`
	Key          string               `json:"key"`
	Name         string               `json:"name"`                 // the role in the scenario
	Delegation   string               `json:"delegation,omitempty"` // only with attributed results
	Scorecard    []criterionScoreJSON `json:"scorecard"`
	Strengths    string               `json:"strengths"`
	Improvements string               `json:"improvements"`
	Metrics      metricsJSON          `json:"metrics"`
	Agreement    *agreementJSON       `json:"agreement"` // null unless two facilitators scored a criterion in common
}

func toTeamReportJSON(t scoring.TeamReport) teamReportJSON {
	return teamReportJSON{TeamID: t.TeamID, Key: t.Key, Name: t.Name, Scorecard: each(t.Scorecard, toCriterionScoreJSON),
		Strengths: t.Strengths, Improvements: t.Improvements, Metrics: toMetricsJSON(t.Metrics), Agreement: toAgreementJSON(t.Agreement)}
}

// agreementJSON is how far a team's raters agree across the rubric.
type agreementJSON struct {
	Method    string          `json:"method"` // cohen (two raters) or light (the mean over pairs)
	Raters    []raterJSON     `json:"raters"`
	Criteria  int             `json:"criteria"`
	Percent   float64         `json:"percent"`
	Kappa     *float64        `json:"kappa"` // null: not defined
	Pairs     []raterPairJSON `json:"pairs"`
	Differing []string        `json:"differing"`
}

type raterJSON struct {
	UserID int64  `json:"user_id"`
	Name   string `json:"name"`
}

type raterPairJSON struct {
	A       raterJSON `json:"a"`
	B       raterJSON `json:"b"`
	Items   int       `json:"items"`
	Percent float64   `json:"percent"`
	Kappa   *float64  `json:"kappa"`
}

func toAgreementJSON(a *scoring.Agreement) *agreementJSON {
	if a == nil {
		return nil
	}
	rater := func(r scoring.Rater) raterJSON { return raterJSON(r) }
	return &agreementJSON{Method: a.Method, Raters: each(a.Raters, rater), Criteria: a.Criteria, Percent: a.Percent,
		Kappa: a.Kappa, Differing: a.Differing,
		Pairs: each(a.Pairs, func(p scoring.PairAgreement) raterPairJSON {
			return raterPairJSON{A: rater(p.A), B: rater(p.B), Items: p.Items, Percent: p.Percent, Kappa: p.Kappa}
		})}
}

// criterionScoreJSON is a criterion with every facilitator's latest score,
// the agreed final one, and whether the facilitators differ.
type criterionScoreJSON struct {
	Criterion string      `json:"criterion"`
	Scores    []scoreJSON `json:"scores"`
	Final     *scoreJSON  `json:"final"`
	Differ    bool        `json:"differ"`
}

func toCriterionScoreJSON(cs scoring.CriterionScore) criterionScoreJSON {
	out := criterionScoreJSON{Criterion: cs.Criterion, Scores: each(cs.Scores, toScoreJSON), Differ: cs.Differ}
	if cs.Final != nil {
		f := toScoreJSON(*cs.Final)
		out.Final = &f
	}
	return out
}

// scoreJSON is one facilitator's score, as PUT /scores records it.
type scoreJSON struct {
	TeamID    int64   `json:"team_id"`
	Criterion string  `json:"criterion"`
	Value     string  `json:"value"`
	Comment   string  `json:"comment"`
	Evidence  []int64 `json:"evidence"`
	Final     bool    `json:"final"`
	ByUser    int64   `json:"by_user"`
	By        string  `json:"by"`
}

func toScoreJSON(s scoring.ScoreData) scoreJSON { return scoreJSON(s) }

// metricsJSON is what the system measured for a team: evidence beside the
// rubric, never the score itself.
type metricsJSON struct {
	MessagesSent        int                  `json:"messages_sent"`
	MessagesReceived    int                  `json:"messages_received"`
	InjectResponses     []injectResponseJSON `json:"inject_responses"`
	RequestsSent        int                  `json:"requests_sent"`
	RequestsAnswered    int                  `json:"requests_sent_answered"`
	RequestsReceived    []requestTimingJSON  `json:"requests_received"`
	MedianAckSeconds    *float64             `json:"median_ack_seconds"`
	MedianAnswerSeconds *float64             `json:"median_answer_seconds"`
	Expected            []expectedResultJSON `json:"expected_actions"`
	CBMUse              map[string]int       `json:"cbm_use"`       // messages tagged per CBM
	ExpectedCBMs        []string             `json:"expected_cbms"` // CBMs the scenario expected of the team
	PoCComplete         bool                 `json:"poc_complete"`
	CommChecks          []commCheckTimeJSON  `json:"comm_checks"`
}

func toMetricsJSON(m scoring.Metrics) metricsJSON {
	return metricsJSON{MessagesSent: m.MessagesSent, MessagesReceived: m.MessagesReceived,
		InjectResponses: each(m.InjectResponses, func(r scoring.InjectResponse) injectResponseJSON { return injectResponseJSON(r) }),
		RequestsSent:    m.RequestsSent, RequestsAnswered: m.RequestsAnswered,
		RequestsReceived: each(m.RequestsReceived, func(r scoring.RequestTiming) requestTimingJSON { return requestTimingJSON(r) }),
		MedianAckSeconds: m.MedianAckSeconds, MedianAnswerSeconds: m.MedianAnswerSeconds,
		Expected: each(m.Expected, toExpectedResultJSON),
		CBMUse:   m.CBMUse, ExpectedCBMs: m.ExpectedCBMs, PoCComplete: m.PoCComplete,
		CommChecks: each(m.CommChecks, func(c scoring.CommCheckTime) commCheckTimeJSON { return commCheckTimeJSON(c) })}
}

// injectResponseJSON is the time from an inject reaching a team to the
// team's first message after it.
type injectResponseJSON struct {
	Inject          string   `json:"inject"`
	ReleasedAt      float64  `json:"released_at_seconds"`
	FirstActionSecs *float64 `json:"first_action_seconds"`
}

// requestTimingJSON is a request a team received and how fast it reacted.
type requestTimingJSON struct {
	Message    int64    `json:"message"`
	From       int64    `json:"from"`
	Kind       string   `json:"kind"`
	Status     string   `json:"status"`
	AckSecs    *float64 `json:"ack_seconds"`
	AnswerSecs *float64 `json:"answer_seconds"`
}

// expectedResultJSON says whether an expected action of the scenario
// happened, and on what evidence.
type expectedResultJSON struct {
	Inject     string   `json:"inject"`
	Action     string   `json:"action"`
	Text       string   `json:"text"`
	CBMs       []string `json:"cbms"`
	Observed   bool     `json:"observed"`      // counts: observed or confirmed
	AfterSecs  *float64 `json:"after_seconds"` // from the inject's release to the evidence; negative when early
	WithinSecs *float64 `json:"within_seconds"`
	InTime     bool     `json:"in_time"`
	Evidence   int64    `json:"evidence,omitempty"` // the event that shows it

	Status         string                `json:"status"`
	Timing         string                `json:"timing,omitempty"`
	Source         string                `json:"source,omitempty"`
	Matcher        matcherJSON           `json:"matcher"`
	WindowFrom     float64               `json:"window_from_seconds"`
	Found          *messageEvidenceJSON  `json:"found"`
	Candidates     []messageEvidenceJSON `json:"candidates"`
	MoreCandidates int                   `json:"more_candidates"`
}

func toExpectedResultJSON(e scoring.ExpectedResult) expectedResultJSON {
	out := expectedResultJSON{Inject: e.Inject, Action: e.Action, Text: e.Text, CBMs: nonNil(e.CBMs), Observed: e.Observed,
		AfterSecs: e.AfterSecs, WithinSecs: e.WithinSecs, InTime: e.InTime, Evidence: e.Evidence,
		Status: e.Status, Timing: e.Timing, Source: e.Source, WindowFrom: e.WindowFrom,
		Matcher: matcherJSON{ShownBy: e.Matcher.ShownBy, To: nonNil(e.Matcher.To), Channels: nonNil(e.Matcher.Channels),
			Kind: e.Matcher.Kind, From: e.Matcher.From},
		Candidates: each(e.Candidates, toMessageEvidenceJSON), MoreCandidates: e.MoreCandidates}
	if e.Found != nil {
		f := toMessageEvidenceJSON(*e.Found)
		out.Found = &f
	}
	return out
}

// matcherJSON is what the scenario says would show an action.
type matcherJSON struct {
	ShownBy  string   `json:"shown_by,omitempty"`
	To       []string `json:"to"`
	Channels []string `json:"channels"`
	Kind     string   `json:"kind,omitempty"`
	From     string   `json:"from,omitempty"`
}

// messageEvidenceJSON is a message offered as evidence: the one that
// counts, or a candidate with the facilitators' verdict.
type messageEvidenceJSON struct {
	Message   int64         `json:"message"`
	At        float64       `json:"at_seconds"`
	AfterSecs float64       `json:"after_seconds"`
	Timing    string        `json:"timing"`
	Subject   string        `json:"subject"`
	Channel   string        `json:"channel"`
	Kind      string        `json:"kind"`
	To        []int64       `json:"to"`
	ToControl bool          `json:"to_control"`
	All       bool          `json:"all"`
	Tags      []tagInfoJSON `json:"tags"`
	Verdict   string        `json:"verdict,omitempty"`
	By        string        `json:"by,omitempty"`
}

// tagInfoJSON is a CBM tag and where it came from.
type tagInfoJSON struct {
	CBM    string `json:"cbm"`
	Source string `json:"source"`
}

func toMessageEvidenceJSON(m scoring.MessageEvidence) messageEvidenceJSON {
	return messageEvidenceJSON{Message: m.Message, At: m.At, AfterSecs: m.AfterSecs, Timing: m.Timing, Subject: m.Subject,
		Channel: m.Channel, Kind: m.Kind, To: nonNilIDs(m.To), ToControl: m.ToControl, All: m.All,
		Tags: each(m.Tags, func(t scoring.TagInfo) tagInfoJSON { return tagInfoJSON(t) }), Verdict: m.Verdict, By: m.By}
}

// commCheckTimeJSON is a team's acknowledgement of one communication check.
type commCheckTimeJSON struct {
	Check   int64    `json:"check"`
	AckSecs *float64 `json:"ack_seconds"`
}

// heatMapJSON counts, per CBM and team, the messages that used the CBM.
type heatMapJSON struct {
	CBMs   []string                  `json:"cbms"`
	Teams  []int64                   `json:"teams"`
	Counts map[string]map[int64]int  `json:"counts"`   // cbm → team → messages
	Expect map[string]map[int64]bool `json:"expected"` // cbm → team → expected by the scenario
}

// noteJSON is a facilitator observation.
type noteJSON struct {
	At   float64 `json:"at_seconds"`
	Text string  `json:"text"`
	By   string  `json:"by"`
}

func toNoteJSON(n scoring.Note) noteJSON { return noteJSON(n) }

// improvementJSON is one line of the improvement plan.
type improvementJSON struct {
	Recommendation string `json:"recommendation"`
	CBM            string `json:"cbm"`
	Owner          string `json:"owner"`
	Due            string `json:"due"`
	By             string `json:"by"`
}

func toImprovementJSON(i scoring.ImprovementData) improvementJSON { return improvementJSON(i) }
