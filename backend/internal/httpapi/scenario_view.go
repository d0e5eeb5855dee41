package httpapi

import (
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// The JSON views of the scenario library. Durations and offsets are whole
// seconds of exercise time; optional timings are null when absent.

type versionJSON struct {
	ScenarioID int64     `json:"scenario_id"`
	VersionID  int64     `json:"version_id"`
	ID         string    `json:"id"` // the scenario's slug, as in the file
	Version    int       `json:"version"`
	Title      string    `json:"title"`
	Summary    string    `json:"summary"`
	Level      string    `json:"level"`
	Duration   int64     `json:"duration_seconds"`
	Languages  []string  `json:"languages"`
	Themes     []string  `json:"themes"`
	CBMs       []string  `json:"cbms"`
	Teams      int       `json:"team_count"`
	Phases     int       `json:"phase_count"`
	Injects    int       `json:"inject_count"`
	Origin     string    `json:"origin"`
	CreatedBy  *int64    `json:"created_by"`
	CreatedAt  time.Time `json:"created_at"`
}

func toVersionJSON(v *library.Version) versionJSON {
	return versionJSON{
		ScenarioID: v.ScenarioID, VersionID: v.ID, ID: v.Slug, Version: v.Number, Title: v.Title,
		Summary: v.Summary, Level: v.Level, Duration: secs(v.Duration), Languages: nonNil(v.Languages),
		Themes: nonNil(v.Themes), CBMs: nonNil(v.CBMs), Teams: v.Teams, Phases: v.Phases, Injects: v.Injects,
		Origin: v.Origin, CreatedBy: v.CreatedBy, CreatedAt: v.CreatedAt,
	}
}

type scenarioJSON struct {
	ID         string          `json:"id"`
	Version    int             `json:"version"`
	Title      string          `json:"title"`
	Summary    string          `json:"summary"`
	Languages  []string        `json:"languages"`
	Duration   int64           `json:"duration_seconds"`
	Level      string          `json:"level"`
	Audience   []string        `json:"audience"`
	Themes     []string        `json:"themes"`
	Catalogue  string          `json:"catalogue"`
	CBMs       []string        `json:"cbms"`
	Objectives []objectiveJSON `json:"objectives"`
	Channels   []channelJSON   `json:"channels"`
	Teams      []teamJSON      `json:"teams"`
	Phases     []phaseJSON     `json:"phases"`
	Injects    []injectJSON    `json:"injects"`
	Triggers   []triggerJSON   `json:"triggers"`
	Rubric     rubricJSON      `json:"rubric"`
	// Coverage maps each CBM to the injects whose expected actions exercise it.
	Coverage map[string][]string `json:"coverage"`
}

type objectiveJSON struct {
	Key  string   `json:"key"`
	Text string   `json:"text"`
	CBMs []string `json:"cbms"`
}

type channelJSON struct {
	Key      string   `json:"key"`
	Title    string   `json:"title"`
	CBMs     []string `json:"cbms"`
	AllTeams bool     `json:"all_teams"`
	Control  bool     `json:"control"`
	Kinds    []string `json:"kinds"` // the team kinds that may use it
}

type teamJSON struct {
	Key             string    `json:"key"`
	Name            string    `json:"name"`
	Kind            string    `json:"kind"`
	Briefing        string    `json:"briefing"`
	PointsOfContact []pocJSON `json:"points_of_contact"`
}

type pocJSON struct {
	Role      string   `json:"role"`
	Name      string   `json:"name"`
	Channel   string   `json:"channel"`
	Hours     string   `json:"hours"`
	Languages []string `json:"languages"`
}

type phaseJSON struct {
	Key       string         `json:"key"`
	Title     string         `json:"title"`
	Clock     string         `json:"clock"`
	StartsAt  int64          `json:"starts_at_seconds"`
	Situation string         `json:"situation"`
	Questions []questionJSON `json:"questions"`
}

type questionJSON struct {
	Key  string `json:"key"`
	Text string `json:"text"`
}

type injectJSON struct {
	Key              string       `json:"key"`
	Title            string       `json:"title"`
	Phase            string       `json:"phase"`
	Channel          string       `json:"channel"`
	From             string       `json:"from"`
	Audience         audienceJSON `json:"audience"`
	At               *int64       `json:"at_seconds"`
	After            *afterJSON   `json:"after"`
	Contingency      bool         `json:"contingency"`
	ReleaseAt        *int64       `json:"release_at_seconds"` // computed from at/after chains; null when held
	Body             string       `json:"body"`
	FacilitatorNotes string       `json:"facilitator_notes"`
	CommCheck        bool         `json:"comm_check"`
	ExpectedActions  []actionJSON `json:"expected_actions"`
}

type audienceJSON struct {
	All          bool     `json:"all"`
	Facilitators bool     `json:"facilitators"`
	Teams        []string `json:"teams"`
}

type afterJSON struct {
	Inject string `json:"inject"`
	Delay  int64  `json:"delay_seconds"`
}

type actionJSON struct {
	Key    string   `json:"key"`
	Team   string   `json:"team"`  // the teams' keys, comma-separated; empty for every team
	Teams  []string `json:"teams"` // the teams expected to act; empty for every team
	Text   string   `json:"text"`
	CBMs   []string `json:"cbms"`
	Within *int64   `json:"within_seconds"`
}

type triggerJSON struct {
	Key       string        `json:"key"`
	Title     string        `json:"title"`
	Condition conditionJSON `json:"condition"`
	Release   []string      `json:"release"`
}

type conditionJSON struct {
	Type       string     `json:"type"`
	From       string     `json:"from"`
	To         string     `json:"to"`
	CBM        string     `json:"cbm"`
	Channel    string     `json:"channel"`
	Kind       string     `json:"kind"`
	DeadlineAt *int64     `json:"deadline_at_seconds"`
	After      *afterJSON `json:"deadline_after"`
	Prompt     string     `json:"prompt"`
}

type rubricJSON struct {
	Scale    string          `json:"scale"`
	Criteria []criterionJSON `json:"criteria"`
}

type criterionJSON struct {
	Key         string   `json:"key"`
	Title       string   `json:"title"`
	Description string   `json:"description"`
	CBMs        []string `json:"cbms"`
	Injects     []string `json:"injects"`
	Objective   string   `json:"objective"`
}

func toScenarioJSON(s *scenario.Scenario) scenarioJSON {
	out := scenarioJSON{
		ID: s.ID, Version: s.Version, Title: s.Title, Summary: s.Summary, Languages: nonNil(s.Languages),
		Duration: secs(s.Duration), Level: string(s.Level), Audience: nonNil(s.Audience), Themes: nonNil(s.Themes),
		Catalogue: s.Catalogue, CBMs: nonNil(s.CBMs), Objectives: []objectiveJSON{}, Coverage: map[string][]string{},
		Rubric:   rubricJSON{Scale: string(s.Rubric.Scale), Criteria: []criterionJSON{}},
		Channels: []channelJSON{}, Teams: []teamJSON{}, Phases: []phaseJSON{}, Injects: []injectJSON{}, Triggers: []triggerJSON{},
	}
	for _, o := range s.Objectives {
		out.Objectives = append(out.Objectives, objectiveJSON{o.Key, o.Text, nonNil(o.CBMs)})
	}
	for _, c := range s.AllChannels() {
		out.Channels = append(out.Channels, toChannelJSON(c))
	}
	for _, t := range s.Teams {
		out.Teams = append(out.Teams, toTeamJSON(t))
	}
	for _, p := range s.Phases {
		pj := phaseJSON{Key: p.Key, Title: p.Title, Clock: p.Clock, StartsAt: secs(p.StartsAt), Situation: p.Situation, Questions: []questionJSON{}}
		for _, q := range p.Questions {
			pj.Questions = append(pj.Questions, questionJSON(q))
		}
		out.Phases = append(out.Phases, pj)
	}
	for _, in := range s.Injects {
		ij := toInjectJSON(s, in)
		for _, a := range ij.ExpectedActions {
			for _, c := range a.CBMs {
				out.Coverage[c] = appendOnce(out.Coverage[c], in.Key)
			}
		}
		out.Injects = append(out.Injects, ij)
	}
	for _, t := range s.Triggers {
		out.Triggers = append(out.Triggers, toTriggerJSON(t))
	}
	for _, c := range s.Rubric.Criteria {
		out.Rubric.Criteria = append(out.Rubric.Criteria, criterionJSON{c.Key, c.Title, c.Description, nonNil(c.CBMs), nonNil(c.Injects), c.Objective})
	}
	return out
}

func toTeamJSON(t scenario.Team) teamJSON {
	tj := teamJSON{Key: t.Key, Name: t.Name, Kind: string(t.Kind), Briefing: t.Briefing, PointsOfContact: []pocJSON{}}
	for _, p := range t.PointsOfContact {
		tj.PointsOfContact = append(tj.PointsOfContact, pocJSON{string(p.Role), p.Name, p.Channel, p.Hours, nonNil(p.Languages)})
	}
	return tj
}

func toInjectJSON(s *scenario.Scenario, in scenario.Inject) injectJSON {
	ij := injectJSON{
		Key: in.Key, Title: in.Title, Phase: in.Phase, Channel: string(in.Channel), From: in.From,
		Audience: audienceJSON{in.Audience.All, in.Audience.Facilitators, nonNil(in.Audience.Teams)},
		At:       secsPtr(in.At), Contingency: in.Contingency, Body: in.Body, FacilitatorNotes: in.FacilitatorNotes,
		ExpectedActions: []actionJSON{},
	}
	if in.After != nil {
		ij.After = &afterJSON{in.After.Inject, secs(in.After.Delay)}
	}
	if at, ok := s.ReleaseOffset(in.Key); ok {
		ij.ReleaseAt = secsPtr(&at)
	}
	for _, a := range in.ExpectedActions {
		ij.ExpectedActions = append(ij.ExpectedActions, actionJSON{a.Key, strings.Join(a.Teams, ", "), nonNil(a.Teams), a.Text, nonNil(a.CBMs), secsPtr(a.Within)})
	}
	return ij
}

func toTriggerJSON(t scenario.Trigger) triggerJSON {
	c := t.Condition
	cj := conditionJSON{Type: string(c.Type), From: c.From, To: c.To, CBM: c.CBM, Channel: c.Channel, Kind: string(c.Kind), Prompt: c.Prompt}
	if c.Deadline != nil {
		cj.DeadlineAt = secsPtr(c.Deadline.At)
		if c.Deadline.After != nil {
			cj.After = &afterJSON{c.Deadline.After.Inject, secs(c.Deadline.After.Delay)}
		}
	}
	return triggerJSON{Key: t.Key, Title: t.Title, Condition: cj, Release: nonNil(t.Release)}
}

func appendOnce(xs []string, x string) []string {
	for _, y := range xs {
		if y == x {
			return xs
		}
	}
	return append(xs, x)
}

// scenariosJSON answers GET /scenarios.
type scenariosJSON struct {
	Scenarios []versionJSON `json:"scenarios"`
}

// scenarioEnvelope answers POST /scenarios.
type scenarioEnvelope struct {
	Scenario versionJSON `json:"scenario"`
}

// scenarioSavedJSON answers PUT /scenarios/{id}: created is false when the
// file was the same as the latest version's.
type scenarioSavedJSON struct {
	Scenario versionJSON `json:"scenario"`
	Created  bool        `json:"created"`
}

// scenarioDetailJSON answers GET /scenarios/{id}.
type scenarioDetailJSON struct {
	Scenario versionJSON   `json:"scenario"`
	Versions []versionJSON `json:"versions"`
	Parsed   scenarioJSON  `json:"parsed"`
	Source   string        `json:"source"`
}

// validationJSON answers POST /scenarios/validate: the parsed scenario when
// the file is valid, else its problems.
type validationJSON struct {
	Valid    bool                  `json:"valid"`
	Problems []library.ProblemJSON `json:"problems"`
	Parsed   *scenarioJSON         `json:"parsed,omitempty"`
}
