package exercise

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Scenarios gives the parsed scenario of a stored version.
type Scenarios interface {
	ScenarioOfVersion(ctx context.Context, versionID int64) (*scenario.Scenario, error)
	// Localized is the version read in lang, with the texts that stayed
	// in the source language.
	Localized(ctx context.Context, versionID int64, lang string) (*scenario.Scenario, scenario.Fallbacks, error)
	KnownCBM(catalogue, key string) bool
}

// Sessions issues and revokes participant tokens, and bounds how fast join
// codes may be tried and used.
type Sessions interface {
	IssueParticipant(ctx context.Context, exerciseID, teamID int64) (token, sessionID string, err error)
	RevokeSession(ctx context.Context, id string) error
	// CheckCode refuses a code lookup from a client address over the
	// limits on wrong codes; WrongCode counts one wrong code.
	CheckCode(ctx context.Context, addr string) error
	WrongCode(ctx context.Context, addr string) error
	// AdmitJoin counts one join with a right code, or refuses it when the
	// code has been used too often.
	AdmitJoin(ctx context.Context, code string) error
}

// Service runs exercises. It is safe for concurrent use; every write goes
// through Store.Append, so several replicas may run the same exercise.
type Service struct {
	store     Store
	scenarios Scenarios
	sessions  Sessions
	now       func() time.Time

	notify func(exerciseID int64, evs ...Event)

	cache *projectionCache
	// versions maps exercise ids to their scenario version (int64 → int64).
	versions sync.Map
}

// OnAppend sets a function called after every successful append, once the
// events are committed, with those events: the process's own streams learn
// of them at once, without reading back what was just written.
func (s *Service) OnAppend(f func(exerciseID int64, evs ...Event)) { s.notify = f }

// NewService wires a Service.
func NewService(store Store, scenarios Scenarios, sessions Sessions, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{store: store, scenarios: scenarios, sessions: sessions, now: now, cache: newProjectionCache(now)}
}

// SetCacheLimits bounds the projection cache: at most maxExercises
// projections, each dropped after idle without use (0: never for idleness).
// The defaults are DefaultCacheExercises and DefaultCacheIdle.
func (s *Service) SetCacheLimits(maxExercises int, idle time.Duration) {
	s.cache.setLimits(maxExercises, idle)
}

// CacheStats tells how many exercises' projections are in memory and how
// many were dropped since start (for /metrics).
func (s *Service) CacheStats() (size int, evictions uint64) { return s.cache.stats() }

// Now is the service's wall clock.
func (s *Service) Now() time.Time { return s.now() }

// Create makes an exercise from a scenario version, with one team per
// scenario team, each with its own join code.
func (s *Service) Create(ctx context.Context, workshopID, versionID int64, title string, by *int64) (*Exercise, []Team, error) {
	sc, err := s.scenarios.ScenarioOfVersion(ctx, versionID)
	if err != nil {
		return nil, nil, err
	}
	title = strings.TrimSpace(title)
	if title == "" {
		title = sc.Title
	}
	if len([]rune(title)) > 200 {
		return nil, nil, apperr.Invalid(map[string]string{"title": "The title must be at most 200 characters."})
	}
	now := s.now().UTC()
	ex := &Exercise{WorkshopID: workshopID, ScenarioVersionID: versionID, Title: title, Clock: NewClock(),
		ObserverCode: NewJoinCode(), CreatedBy: by, CreatedAt: now, UpdatedAt: now}
	teams := make([]Team, len(sc.Teams))
	for i, t := range sc.Teams {
		teams[i] = Team{Key: t.Key, Name: t.Name, JoinCode: NewJoinCode(), Position: i}
	}
	if err := s.store.CreateExercise(ctx, ex, teams); err != nil {
		return nil, nil, err
	}
	if _, err := s.append(ctx, ex.ID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvCreated, Audience: StaffOnly, Data: map[string]any{"title": title, "scenario_version_id": versionID}}}}, nil
	}); err != nil {
		return nil, nil, err
	}
	teams, err = s.store.Teams(ctx, ex.ID)
	return ex, teams, err
}

// Get returns an exercise and its teams.
func (s *Service) Get(ctx context.Context, id int64) (*Exercise, []Team, error) {
	ex, err := s.store.Exercise(ctx, id)
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, nil, apperr.NotFound("exercise")
	}
	if err != nil {
		return nil, nil, err
	}
	teams, err := s.store.Teams(ctx, id)
	return ex, teams, err
}

// List returns a workshop's exercises.
func (s *Service) List(ctx context.Context, workshopID int64) ([]Exercise, error) {
	return s.store.Exercises(ctx, workshopID)
}

// Scenario returns the exercise's pinned scenario.
func (s *Service) Scenario(ctx context.Context, ex *Exercise) (*scenario.Scenario, error) {
	return s.scenarios.ScenarioOfVersion(ctx, ex.ScenarioVersionID)
}

// ScenarioIn returns the exercise's scenario read in lang ("": as
// written), with the texts that stayed in the source language.
func (s *Service) ScenarioIn(ctx context.Context, ex *Exercise, lang string) (*scenario.Scenario, scenario.Fallbacks, error) {
	return s.scenarios.Localized(ctx, ex.ScenarioVersionID, lang)
}

// Projection returns the exercise's state folded from its log, brought up to
// date with the events written since the last call (by any replica). The
// returned value must be treated as read-only.
func (s *Service) Projection(ctx context.Context, exerciseID int64) (*Projection, error) {
	p := s.cache.get(exerciseID)
	if p == nil {
		teams, err := s.store.Teams(ctx, exerciseID)
		if err != nil {
			return nil, err
		}
		p = NewProjection(teams)
	}
	evs, err := s.store.Events(ctx, exerciseID, p.Seq, 1000)
	if err != nil {
		return nil, err
	}
	if len(evs) == 0 {
		s.cache.put(exerciseID, p)
		return p, nil // nothing new: no copy (the scheduler asks four times a second)
	}
	next := p.clone()
	for {
		next.Apply(evs...)
		if len(evs) < 1000 {
			break
		}
		if evs, err = s.store.Events(ctx, exerciseID, next.Seq, 1000); err != nil {
			return nil, err
		}
	}
	s.cache.put(exerciseID, next)
	return next, nil
}

// append writes through the store and maps its outcomes to API errors.
func (s *Service) append(ctx context.Context, exerciseID int64, decide func(*Exercise) (Write, error)) ([]Event, error) {
	evs, err := s.store.Append(ctx, exerciseID, s.now(), checked(decide))
	if errors.Is(err, apperr.ErrNoRow) {
		return nil, apperr.NotFound("exercise")
	}
	if err == nil {
		s.appended(exerciseID, evs)
	}
	return evs, err
}

// checked is decide with the events it writes checked against the catalogue.
func checked(decide func(*Exercise) (Write, error)) func(*Exercise) (Write, error) {
	return func(ex *Exercise) (Write, error) {
		w, err := decide(ex)
		if err == nil {
			err = checkEvents(w.Events)
		}
		return w, err
	}
}

// appended hands committed events to the OnAppend function.
func (s *Service) appended(exerciseID int64, evs []Event) {
	if len(evs) > 0 && s.notify != nil {
		s.notify(exerciseID, evs...)
	}
}

// conflict is a 409 with a stable code.
func conflict(code, msg string) error { return apperr.New(http.StatusConflict, code, msg) }

// Record appends one event for another domain package (scoring writes its
// scores and assessments into the same log), after decide accepts the
// locked exercise.
func (s *Service) Record(ctx context.Context, exerciseID int64, ev NewEvent, decide func(*Exercise) error) (*Event, error) {
	evs, err := s.append(ctx, exerciseID, func(ex *Exercise) (Write, error) {
		if decide != nil {
			if err := decide(ex); err != nil {
				return Write{}, err
			}
		}
		return Write{Events: []NewEvent{ev}}, nil
	})
	if err != nil {
		return nil, err
	}
	return &evs[0], nil
}
