package library

import (
	"bytes"
	"context"
	"net/http"
	"slices"
	"sync"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Bundle is a scenario file with the translation files kept beside it
// (grid-cascade.yaml with grid-cascade.ru.yaml), as one version stores them.
type Bundle struct {
	Filename string
	Source   []byte
	// Translations are the translation files by language.
	Translations map[string][]byte
}

// TranslationFilename is the name of the translation file of a scenario
// into a language, beside the scenario file.
func TranslationFilename(slug, lang string) string { return slug + "." + lang + ".yaml" }

// ValidateBundle parses the scenario and its translations. A translation
// that cannot be read, is of another scenario or into the source language
// makes the bundle invalid; texts it lacks or that went stale do not
// (Check reports those), because a half-done translation is worth keeping.
func (l *Library) ValidateBundle(b Bundle) (*scenario.Scenario, error) {
	s, err := l.Validate(b.Filename, b.Source)
	if err != nil {
		return nil, err
	}
	var probs scenario.Problems
	for _, lang := range scenario.Languages {
		f, ok := b.Translations[lang]
		if !ok {
			continue
		}
		name := TranslationFilename(s.ID, lang)
		tr, ps := scenario.ParseTranslation(name, f)
		probs = append(probs, ps...)
		if tr == nil {
			continue
		}
		if tr.Language != lang || tr.Scenario != s.ID || lang == s.SourceLanguage() {
			probs = append(probs, scenario.Problem{File: name, Line: 1, Col: 1, Message: "this file must translate the scenario " +
				s.ID + " into " + lang + " (scenario: " + s.ID + ", language: " + lang + "), and not into the language the scenario is written in"})
		}
	}
	for lang := range b.Translations {
		if !slices.Contains(scenario.Languages, lang) {
			probs = append(probs, scenario.Problem{File: TranslationFilename(s.ID, lang), Line: 1, Col: 1,
				Message: "translations are into the OSCE languages en, fr, de, it, ru, es; " + lang + " is not one of them"})
		}
	}
	if len(probs) > 0 {
		return nil, &InvalidError{Problems: probs}
	}
	return s, nil
}

// Translation returns the version's translation into lang, or nil when it
// has none. Stored translations were readable when stored.
func (l *Library) Translation(v *Version, lang string) (*scenario.Translation, error) {
	f, ok := v.Translations[lang]
	if !ok {
		return nil, nil
	}
	tr, probs := scenario.ParseTranslation(TranslationFilename(v.Slug, lang), f)
	if len(probs) > 0 {
		return nil, probs
	}
	return tr, nil
}

// localizedKey names a version read in a language.
type localizedKey struct {
	version int64
	lang    string
}

// localized is a version in one language: the texts and which stayed in
// the source language.
type localized struct {
	s  *scenario.Scenario
	fb scenario.Fallbacks
}

// localizedCache keeps versions by language; like parsedCache it never
// goes stale, as versions never change.
type localizedCache struct {
	mu sync.Mutex
	m  map[localizedKey]localized
}

// Localized returns the scenario of a version in lang, each text falling
// back to the source language where its translation is missing or stale,
// and which texts did. The source language, "" or a language without a
// translation give the scenario as written (all texts fall back in the
// last case). Reads of scenario content in a language all come here.
func (l *Library) Localized(ctx context.Context, versionID int64, lang string) (*scenario.Scenario, scenario.Fallbacks, error) {
	s, err := l.ScenarioOfVersion(ctx, versionID)
	if err != nil || lang == "" || lang == s.SourceLanguage() {
		return s, nil, err
	}
	k := localizedKey{versionID, lang}
	l.localized.mu.Lock()
	hit, ok := l.localized.m[k]
	l.localized.mu.Unlock()
	if ok {
		return hit.s, hit.fb, nil
	}
	v, err := l.VersionByID(ctx, versionID)
	if err != nil {
		return nil, nil, err
	}
	tr, err := l.Translation(v, lang)
	if err != nil {
		return nil, nil, err
	}
	if tr == nil {
		tr = scenario.NewTranslation(s, lang) // everything falls back, and says so
	}
	ls, fb := scenario.Localize(s, tr)
	l.localized.mu.Lock()
	l.localized.m[k] = localized{ls, fb}
	l.localized.mu.Unlock()
	return ls, fb, nil
}

// SaveTexts records translated texts (by key; "" removes one) into lang as
// a new version of the scenario. Each is taken as a translation of the
// current source text, so saving a stale text unchanged confirms it.
func (l *Library) SaveTexts(ctx context.Context, scenarioID int64, lang string, texts map[string]string, by *int64) (*Version, bool, error) {
	latest, s, tr, err := l.latestTranslation(ctx, scenarioID, lang)
	if err != nil {
		return nil, false, err
	}
	sources := map[string]string{}
	for _, t := range s.Texts() {
		sources[t.Key] = t.Value
	}
	bad := map[string]string{}
	for key := range texts {
		if _, ok := sources[key]; !ok {
			bad["texts."+key] = "The scenario has no text with this key."
		}
	}
	if len(bad) > 0 {
		return nil, false, apperr.Invalid(bad)
	}
	for key, text := range texts {
		tr.Set(key, sources[key], text)
	}
	return l.SaveTranslation(ctx, latest, s, tr, by)
}

// SaveTranslation stores tr as the latest version's translation into its
// language, as a new version; nothing when the file would not change.
func (l *Library) SaveTranslation(ctx context.Context, latest *Version, s *scenario.Scenario, tr *scenario.Translation, by *int64) (*Version, bool, error) {
	file := tr.Marshal(s)
	if bytes.Equal(file, latest.Translations[tr.Language]) {
		return latest, false, nil
	}
	files := make(map[string][]byte, len(latest.Translations)+1)
	for lang, f := range latest.Translations {
		files[lang] = f
	}
	files[tr.Language] = file
	b := Bundle{Filename: latest.Slug + ".yaml", Source: latest.Source, Translations: files}
	return l.update(ctx, latest, b, OriginTranslation, by)
}

// LatestTranslation returns the latest version of a scenario, its
// scenario and its translation into lang (empty when it has none yet).
func (l *Library) latestTranslation(ctx context.Context, scenarioID int64, lang string) (*Version, *scenario.Scenario, *scenario.Translation, error) {
	latest, err := l.Get(ctx, scenarioID, 0)
	if err != nil {
		return nil, nil, nil, err
	}
	s, tr, err := l.VersionTranslation(latest, lang)
	return latest, s, tr, err
}

// VersionTranslation returns a version's scenario and its translation into
// lang, empty when it has none yet. The source language is refused: it is
// what the others are translated from.
func (l *Library) VersionTranslation(v *Version, lang string) (*scenario.Scenario, *scenario.Translation, error) {
	s, err := l.Parsed(v)
	if err != nil {
		return nil, nil, err
	}
	if lang == s.SourceLanguage() {
		return nil, nil, apperr.New(http.StatusUnprocessableEntity, "source_language",
			"The scenario is written in "+lang+"; choose another language to translate it into.")
	}
	tr, err := l.Translation(v, lang)
	if err != nil {
		return nil, nil, err
	}
	if tr == nil {
		tr = scenario.NewTranslation(s, lang)
	}
	return s, tr, nil
}
