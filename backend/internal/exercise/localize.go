package exercise

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Localizable tells whether events of the type carry scenario texts that
// are read in the reader's language: released injects of the script and
// phase situations with their questions. Everything people write (messages,
// answers, notes, ad-hoc injects) is never translated.
func Localizable(eventType string) bool {
	return eventType == EvInjectReleased || eventType == EvPhaseStarted
}

// LocalizeEvent returns e with its scenario texts from s, the scenario read
// in lang, marking the fields that fell back to the source language. An
// event that carries none (or an ad-hoc inject) is returned as it is.
func LocalizeEvent(e Event, s *scenario.Scenario, fb scenario.Fallbacks, lang string) Event {
	var data any
	switch e.Type {
	case EvInjectReleased:
		var d InjectData
		if json.Unmarshal(e.Data, &d) != nil {
			return e
		}
		data = LocalizeInject(d, s, fb, lang)
	case EvPhaseStarted:
		var d PhaseData
		if json.Unmarshal(e.Data, &d) != nil {
			return e
		}
		data = LocalizePhase(d, s, fb, lang)
	default:
		return e
	}
	b, err := json.Marshal(data)
	if err != nil {
		return e
	}
	e.Data = b
	return e
}

// LocalizeInject gives a released inject of the script its texts in s,
// the scenario read in lang. An ad-hoc inject, written during play, stays
// as written.
func LocalizeInject(d InjectData, s *scenario.Scenario, fb scenario.Fallbacks, lang string) InjectData {
	in, ok := s.Inject(d.Key)
	if !ok {
		return d
	}
	d.Title, d.From, d.Body = in.Title, s.InjectSource(in), in.Body
	d.Localized = localized(lang, fb, "injects."+d.Key, "title", "from", "body")
	return d
}

// LocalizePhase gives a phase its situation and questions in s, the
// scenario read in lang; a fallen-back question is "questions.<key>".
func LocalizePhase(d PhaseData, s *scenario.Scenario, fb scenario.Fallbacks, lang string) PhaseData {
	ph, ok := s.Phase(d.Key)
	if !ok {
		return d
	}
	loc := phaseData(ph)
	loc.Localized = PhaseFallbacks(ph.Key, fb, lang)
	return loc
}

// PhaseFallbacks marks a phase's fields that fell back, its questions as
// "questions.<key>".
func PhaseFallbacks(key string, fb scenario.Fallbacks, lang string) Localized {
	l := localized(lang, fb, "phases."+key, "title", "clock", "situation")
	for _, q := range fb.Under("phases." + key + ".questions") {
		l.Fallback = append(l.Fallback, "questions."+strings.TrimSuffix(q, ".text"))
	}
	return l
}

// LocalizedFields marks the fields of an element (prefix "teams.x") that
// fell back to the source language.
func LocalizedFields(lang string, fb scenario.Fallbacks, prefix string, fields ...string) Localized {
	return localized(lang, fb, prefix, fields...)
}

// localized marks the fields of an element (prefix "injects.x") that fell
// back to the source language.
func localized(lang string, fb scenario.Fallbacks, prefix string, fields ...string) Localized {
	l := Localized{Lang: lang}
	if prefix != "" {
		prefix += "."
	}
	for _, f := range fields {
		if fb[prefix+f] {
			l.Fallback = append(l.Fallback, f)
		}
	}
	return l
}

// Localize reads events in lang: those with scenario texts come from the
// exercise's scenario version in that language. "" leaves them as written.
func (s *Service) Localize(ctx context.Context, ex *Exercise, evs []Event, lang string) ([]Event, error) {
	if lang == "" || !anyLocalizable(evs) {
		return evs, nil
	}
	sc, fb, err := s.scenarios.Localized(ctx, ex.ScenarioVersionID, lang)
	if err != nil {
		return nil, err
	}
	if lang == sc.SourceLanguage() {
		return evs, nil
	}
	out := make([]Event, len(evs))
	for i, e := range evs {
		out[i] = LocalizeEvent(e, sc, fb, lang)
	}
	return out, nil
}

// LocalizeOne reads one event of an exercise in lang, for the stream's
// fan-out (once per language in use, not once per stream).
func (s *Service) LocalizeOne(ctx context.Context, exerciseID int64, e Event, lang string) (Event, error) {
	if lang == "" || !Localizable(e.Type) {
		return e, nil
	}
	version, err := s.versionOf(ctx, exerciseID)
	if err != nil {
		return e, err
	}
	evs, err := s.Localize(ctx, &Exercise{ID: exerciseID, ScenarioVersionID: version}, []Event{e}, lang)
	if err != nil {
		return e, err
	}
	return evs[0], nil
}

// versionOf is the scenario version an exercise was made from; it never
// changes, so it is kept once read.
func (s *Service) versionOf(ctx context.Context, exerciseID int64) (int64, error) {
	if v, ok := s.versions.Load(exerciseID); ok {
		return v.(int64), nil
	}
	ex, err := s.store.Exercise(ctx, exerciseID)
	if err != nil {
		return 0, err
	}
	s.versions.Store(exerciseID, ex.ScenarioVersionID)
	return ex.ScenarioVersionID, nil
}

func anyLocalizable(evs []Event) bool {
	for _, e := range evs {
		if Localizable(e.Type) {
			return true
		}
	}
	return false
}
