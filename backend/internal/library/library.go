// Package library is the scenario library: it validates scenario files,
// keeps every accepted file as an immutable, numbered version, and answers
// searches. Storage is behind the Store interface declared here.
package library

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Version is one stored revision of a scenario. Source is the YAML exactly
// as the author wrote it; the other fields are derived from it for listing
// and searching without parsing every file.
type Version struct {
	ID         int64
	ScenarioID int64
	Slug       string
	Number     int
	Source     []byte
	Checksum   string
	Title      string
	Summary    string
	Level      string
	Duration   time.Duration
	Languages  []string
	Themes     []string
	CBMs       []string
	Teams      int
	Phases     int
	Injects    int
	Origin     string // bundled, upload, editor, cli, spreadsheet
	// Translations are the translation files of the version by language
	// (grid-cascade.ru.yaml's text under "ru"); nil when it has none.
	// Lists of versions leave them out.
	Translations map[string][]byte
	CreatedBy    *int64
	CreatedAt    time.Time
}

// Origins of a version.
const (
	OriginBundled     = "bundled"
	OriginUpload      = "upload"
	OriginCLI         = "cli"
	OriginSpreadsheet = "spreadsheet"
	OriginTranslation = "translation"
)

// Store is what the library needs from storage. Lookups return
// apperr.ErrNoRow when nothing matches; CreateScenario returns
// apperr.ErrDuplicate when the slug exists.
type Store interface {
	// CreateScenario stores a new scenario with v as version 1.
	CreateScenario(ctx context.Context, v *Version) error
	// AddVersion stores v as the scenario's next version number.
	AddVersion(ctx context.Context, v *Version) error
	ScenarioID(ctx context.Context, slug string) (int64, error)
	// Version returns one version; number 0 means the latest.
	Version(ctx context.Context, scenarioID int64, number int) (*Version, error)
	// VersionByID returns one version by its own id, with its source:
	// exercises pin the version they were made from so.
	VersionByID(ctx context.Context, versionID int64) (*Version, error)
	// Versions lists a scenario's versions, newest first, without sources.
	Versions(ctx context.Context, scenarioID int64) ([]Version, error)
	// Latest lists the latest version of every scenario, without sources.
	Latest(ctx context.Context) ([]Version, error)
}

// Library validates and stores scenarios.
type Library struct {
	store  Store
	cbms   *cbm.Set
	now    func() time.Time
	parsed *parsedCache
	// localized keeps versions read in other languages.
	localized *localizedCache
}

// New wires a Library.
func New(store Store, cbms *cbm.Set, now func() time.Time) *Library {
	if now == nil {
		now = time.Now
	}
	return &Library{store: store, cbms: cbms, now: now, parsed: &parsedCache{m: map[int64]*scenario.Scenario{}},
		localized: &localizedCache{m: map[localizedKey]localized{}}}
}

// CBMs returns the catalogues scenarios are checked against.
func (l *Library) CBMs() *cbm.Set { return l.cbms }

// InvalidError is returned when a file has problems; nothing was stored.
type InvalidError struct{ Problems scenario.Problems }

func (e *InvalidError) Error() string { return e.Problems.Error() }

// APIError presents the problems as a 422 with each line and column.
func (e *InvalidError) APIError() *apperr.Error {
	return &apperr.Error{Status: http.StatusUnprocessableEntity, Code: "invalid_scenario",
		Message: "The scenario has problems; nothing was saved. Each problem names its line and column.",
		Details: ProblemsJSON(e.Problems)}
}

// ProblemJSON is one problem as the API shows it.
type ProblemJSON struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

// ProblemsJSON converts problems for the API.
func ProblemsJSON(ps scenario.Problems) []ProblemJSON {
	out := make([]ProblemJSON, len(ps))
	for i, p := range ps {
		out[i] = ProblemJSON{File: p.File, Line: p.Line, Column: p.Col, Message: p.Message}
	}
	return out
}

// Validate parses src and returns the scenario or every problem.
func (l *Library) Validate(filename string, src []byte) (*scenario.Scenario, error) {
	s, probs := scenario.Parse(filename, src, l.cbms)
	if len(probs) > 0 {
		return nil, &InvalidError{Problems: probs}
	}
	return s, nil
}

// Create stores a scenario whose id is new to the library.
func (l *Library) Create(ctx context.Context, filename string, src []byte, origin string, by *int64) (*Version, error) {
	return l.CreateBundle(ctx, Bundle{Filename: filename, Source: src}, origin, by)
}

// CreateBundle stores a scenario whose id is new to the library, with its
// translations.
func (l *Library) CreateBundle(ctx context.Context, b Bundle, origin string, by *int64) (*Version, error) {
	s, err := l.ValidateBundle(b)
	if err != nil {
		return nil, err
	}
	v := l.newVersion(s, b.Source, b.Translations, origin, by)
	if err := l.store.CreateScenario(ctx, v); err != nil {
		if errors.Is(err, apperr.ErrDuplicate) {
			return nil, apperr.New(http.StatusConflict, "scenario_exists",
				"A scenario with the id \""+s.ID+"\" already exists; save a new version of it instead, or change the id.")
		}
		return nil, err
	}
	return v, nil
}

// Update stores src as a new version of the scenario. The file must keep the
// scenario's id. The translations of the latest version come along: texts
// whose source changed become stale, and the translators see which. When
// nothing changed nothing is stored and the latest version is returned
// with created=false.
func (l *Library) Update(ctx context.Context, scenarioID int64, filename string, src []byte, origin string, by *int64) (v *Version, created bool, err error) {
	latest, err := l.Get(ctx, scenarioID, 0)
	if err != nil {
		return nil, false, err
	}
	return l.update(ctx, latest, Bundle{Filename: filename, Source: src, Translations: latest.Translations}, origin, by)
}

// UpdateBundle stores a scenario file and its translations as a new
// version: translations the bundle does not have are dropped.
func (l *Library) UpdateBundle(ctx context.Context, scenarioID int64, b Bundle, origin string, by *int64) (v *Version, created bool, err error) {
	latest, err := l.Get(ctx, scenarioID, 0)
	if err != nil {
		return nil, false, err
	}
	return l.update(ctx, latest, b, origin, by)
}

func (l *Library) update(ctx context.Context, latest *Version, b Bundle, origin string, by *int64) (v *Version, created bool, err error) {
	src := b.Source
	s, err := l.ValidateBundle(b)
	if err != nil {
		return nil, false, err
	}
	if s.ID != latest.Slug {
		return nil, false, apperr.Invalid(map[string]string{"id": "The file's id is \"" + s.ID +
			"\" but this scenario's id is \"" + latest.Slug + "\". To make a different scenario, create a new one."})
	}
	if checksum(src, b.Translations) == latest.Checksum {
		return latest, false, nil
	}
	v = l.newVersion(s, src, b.Translations, origin, by)
	v.ScenarioID = latest.ScenarioID
	if err := l.store.AddVersion(ctx, v); err != nil {
		return nil, false, err
	}
	return v, true, nil
}

// Import stores a file from disk with the translations beside it: a new
// scenario, a new version of an existing one, or nothing when unchanged.
func (l *Library) Import(ctx context.Context, b Bundle, origin string) (*Version, string, error) {
	s, err := l.ValidateBundle(b)
	if err != nil {
		return nil, "", err
	}
	id, err := l.store.ScenarioID(ctx, s.ID)
	if errors.Is(err, apperr.ErrNoRow) {
		v, err := l.CreateBundle(ctx, b, origin, nil)
		return v, "created", err
	}
	if err != nil {
		return nil, "", err
	}
	v, created, err := l.UpdateBundle(ctx, id, b, origin, nil)
	if !created {
		return v, "unchanged", err
	}
	return v, "new version", err
}

// Resolve finds a scenario by numeric id or by its slug.
func (l *Library) Resolve(ctx context.Context, idOrSlug string) (int64, error) {
	if n, ok := parseID(idOrSlug); ok {
		return n, nil
	}
	id, err := l.store.ScenarioID(ctx, idOrSlug)
	if errors.Is(err, apperr.ErrNoRow) {
		return 0, apperr.NotFound("scenario")
	}
	return id, err
}

// Get returns one version (0: the latest), with its source.
func (l *Library) Get(ctx context.Context, scenarioID int64, number int) (*Version, error) {
	v, err := l.store.Version(ctx, scenarioID, number)
	if errors.Is(err, apperr.ErrNoRow) {
		if number > 0 {
			return nil, apperr.NotFound("scenario version")
		}
		return nil, apperr.NotFound("scenario")
	}
	return v, err
}

// Parsed returns a stored version's scenario. Stored sources were valid when
// stored; they are parsed again because the format is the source of truth.
func (l *Library) Parsed(v *Version) (*scenario.Scenario, error) {
	return l.Validate(v.Slug+".yaml", v.Source)
}

// Versions lists a scenario's versions, newest first.
func (l *Library) Versions(ctx context.Context, scenarioID int64) ([]Version, error) {
	return l.store.Versions(ctx, scenarioID)
}

func (l *Library) newVersion(s *scenario.Scenario, src []byte, translations map[string][]byte, origin string, by *int64) *Version {
	return &Version{
		Slug: s.ID, Source: src, Checksum: checksum(src, translations), Title: s.Title, Summary: s.Summary,
		Level: string(s.Level), Duration: s.Duration, Languages: offered(s, translations), Themes: s.Themes,
		CBMs: s.CBMs, Teams: len(s.Teams), Phases: len(s.Phases), Injects: len(s.Injects),
		Translations: translations, Origin: origin, CreatedBy: by, CreatedAt: l.now().UTC(),
	}
}

// offered lists the languages a version can be read in: the one it is
// written in, then those it is translated into, in the usual OSCE order.
func offered(s *scenario.Scenario, translations map[string][]byte) []string {
	out := []string{s.SourceLanguage()}
	for _, lang := range scenario.Languages {
		if _, ok := translations[lang]; ok && lang != out[0] {
			out = append(out, lang)
		}
	}
	return out
}

// checksum identifies a version's content: the source alone when it has
// no translations (so versions stored before translations keep theirs).
func checksum(src []byte, translations map[string][]byte) string {
	h := sha256.New()
	h.Write(src)
	for _, lang := range scenario.Languages {
		if f, ok := translations[lang]; ok {
			fmt.Fprintf(h, "\x00%s\x00%d\x00", lang, len(f))
			h.Write(f)
		}
	}
	return hex.EncodeToString(h.Sum(nil))
}

func parseID(s string) (int64, bool) {
	if s == "" || len(s) > 18 {
		return 0, false
	}
	var n int64
	for _, c := range s {
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int64(c-'0')
	}
	return n, n > 0
}
