package httpapi

import (
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

type clockJSON struct {
	Status        exercise.Status `json:"status"`
	Speed         float64         `json:"speed"`
	OffsetSeconds float64         `json:"offset_seconds"` // exercise time at as_of
	AsOf          time.Time       `json:"as_of"`
}

func toClockJSON(c exercise.Clock, now time.Time) clockJSON {
	return clockJSON{Status: c.Status, Speed: c.Speed, OffsetSeconds: c.Now(now).Seconds(), AsOf: now.UTC()}
}

type exerciseSummaryJSON struct {
	ID                int64     `json:"id"`
	WorkshopID        int64     `json:"workshop_id"`
	ScenarioVersionID int64     `json:"scenario_version_id"`
	Title             string    `json:"title"`
	Clock             clockJSON `json:"clock"`
	CreatedAt         time.Time `json:"created_at"`
}

func toExerciseSummary(ex *exercise.Exercise, now time.Time) exerciseSummaryJSON {
	return exerciseSummaryJSON{ID: ex.ID, WorkshopID: ex.WorkshopID, ScenarioVersionID: ex.ScenarioVersionID,
		Title: ex.Title, Clock: toClockJSON(ex.Clock, now), CreatedAt: ex.CreatedAt}
}

type teamViewJSON struct {
	ID       int64  `json:"id"`
	Key      string `json:"key"`
	Name     string `json:"name"`
	JoinCode string `json:"join_code,omitempty"` // staff only
	JoinPath string `json:"join_path,omitempty"` // staff only
	// Kind is the scenario's kind of the team (state, organisation), which
	// says which channels it may use; in the exercise view only.
	Kind string `json:"kind,omitempty"`
}

type phaseViewJSON struct {
	Key      string `json:"key"`
	Title    string `json:"title"`
	Clock    string `json:"clock"`
	StartsAt int64  `json:"starts_at_seconds"`
	exercise.Localized
}

type exerciseJSON struct {
	exerciseSummaryJSON
	Scenario struct {
		ID      string `json:"id"`
		Version int    `json:"version"`
		Title   string `json:"title"`
		Summary string `json:"summary"`
		// SourceLanguage is the one the scenario is written in; Languages
		// are those it can be read in (the source, then translations).
		SourceLanguage string   `json:"source_language"`
		Languages      []string `json:"languages"`
		exercise.Localized
		Duration int64           `json:"duration_seconds"`
		Phases   []phaseViewJSON `json:"phases"`
		Channels []channelJSON   `json:"channels"`
		Actors   []actorJSON     `json:"actors,omitempty"`
		// The CBM tags each request kind suggests, beside the channels'.
		RequestKinds []requestKindJSON `json:"request_kinds"`
	} `json:"scenario"`
	CurrentPhase string         `json:"current_phase"`
	Teams        []teamViewJSON `json:"teams"`
	ObserverCode string         `json:"observer_code,omitempty"`
	Viewer       viewerJSON     `json:"viewer"`
}

// toChannelJSON shows a channel with the team kinds that may use it, each
// named even when the scenario leaves it open to every kind.
func toChannelJSON(c scenario.Channel) channelJSON {
	kinds := []string{}
	for _, k := range []scenario.TeamKind{scenario.KindState, scenario.KindOrganisation} {
		if c.Allows(k) {
			kinds = append(kinds, string(k))
		}
	}
	return channelJSON{c.Key, c.Title, nonNil(c.CBMs), c.AllTeams, c.Control, kinds}
}

// requestKindJSON is a request kind and the CBM tags it suggests.
type requestKindJSON struct {
	Key  string   `json:"key"`
	CBMs []string `json:"cbms"`
}

type viewerJSON struct {
	Role   string `json:"role"` // staff, participant, observer
	TeamID int64  `json:"team_id,omitempty"`
	Name   string `json:"name,omitempty"`
	// Staff only: their duty in the workshop (admins: lead) and the acts
	// it allows, so the console offers only what the server accepts.
	Duty string   `json:"duty,omitempty"`
	Acts []string `json:"acts,omitempty"`
	// Language is the one scenario content is read in ("" for staff
	// reading the source).
	Language string `json:"language,omitempty"`
}

// staffViewer is a staff member's viewer: their duty and what it allows.
func staffViewer(d workshop.Duty) viewerJSON {
	v := viewerJSON{Role: "staff", Duty: string(d), Acts: []string{}}
	for _, a := range workshop.Acts() {
		if workshop.Allow(d, a) == nil {
			v.Acts = append(v.Acts, string(a))
		}
	}
	return v
}

// toExerciseJSON shows the exercise with its scenario sc read in the
// viewer's language (fb: the texts that stayed in the source language) and
// langs, the languages the scenario version can be read in.
func toExerciseJSON(x *exCtx, sc *scenario.Scenario, fb scenario.Fallbacks, langs []string, now time.Time) exerciseJSON {
	out := exerciseJSON{exerciseSummaryJSON: toExerciseSummary(x.ex, now)}
	out.Scenario.ID, out.Scenario.Version, out.Scenario.Title = sc.ID, sc.Version, sc.Title
	out.Scenario.Summary, out.Scenario.Duration = sc.Summary, secs(sc.Duration)
	out.Scenario.SourceLanguage, out.Scenario.Languages = sc.SourceLanguage(), nonNil(langs)
	lang := x.viewer.Language
	if fb != nil {
		out.Scenario.Localized = exercise.LocalizedFields(lang, fb, "", "title", "summary")
	}
	for _, p := range sc.Phases {
		pv := phaseViewJSON{Key: p.Key, Title: p.Title, Clock: p.Clock, StartsAt: secs(p.StartsAt)}
		if fb != nil {
			pv.Localized = exercise.LocalizedFields(lang, fb, "phases."+p.Key, "title", "clock")
		}
		out.Scenario.Phases = append(out.Scenario.Phases, pv)
	}
	for _, ch := range sc.AllChannels() {
		out.Scenario.Channels = append(out.Scenario.Channels, toChannelJSON(ch))
	}
	out.Scenario.Actors = toActorsJSON(sc, fb, lang, x.seesStaffOnly())
	for _, k := range scenario.RequestKinds {
		out.Scenario.RequestKinds = append(out.Scenario.RequestKinds, requestKindJSON{string(k), nonNil(sc.KindCBMs(k))})
	}
	out.CurrentPhase = exercise.CurrentPhase(x.ex, sc, now)
	for _, t := range x.teams {
		tv := teamViewJSON{ID: t.ID, Key: t.Key, Name: t.Name}
		if x.seesStaffOnly() { // join codes
			tv = staffTeamJSON(&t)
		}
		if st, ok := sc.Team(t.Key); ok {
			tv.Kind = string(st.Kind)
		}
		out.Teams = append(out.Teams, tv)
	}
	switch {
	case x.seesStaffOnly():
		out.ObserverCode, out.Viewer = x.ex.ObserverCode, staffViewer(x.duty)
	case x.viewer.Observer:
		out.Viewer.Role = "observer"
	default:
		out.Viewer.Role, out.Viewer.TeamID = "participant", x.viewer.TeamID
	}
	out.Viewer.Language = lang
	return out
}

// exerciseEnvelope answers GET /exercises/{id} and POST /exercises.
type exerciseEnvelope struct {
	Exercise exerciseJSON `json:"exercise"`
}

// clockEnvelope answers the clock actions (start, pause, resume, end,
// speed, jump).
type clockEnvelope struct {
	Clock clockJSON `json:"clock"`
}
