// Package app wires cbmex's services on one database the way a server runs
// them: accounts with the database's rate-limit counters, the scenario
// library with the bundled scenarios, the engine handing its events to the
// stream hub, and the hub told of presence and access changes. `cbmex serve`
// and the test rigs build the same thing through New, so a test exercises
// the wiring that runs in production.
//
// The HTTP handler is built from an App by httpapi.DepsFor: httpapi's own
// tests share this wiring, so app cannot import httpapi.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/cbmex/cbmex/backend/internal/attendance"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/contactcheck"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/survey"
	"github.com/cbmex/cbmex/backend/internal/workshop"
	"github.com/cbmex/cbmex/scenarios"
)

// Options are what differs between a server and a test rig.
type Options struct {
	// Now is the clock of every service and of the hub; nil means time.Now.
	Now func() time.Time
	// Log receives the services' and the hub's messages; nil discards them.
	Log *slog.Logger
	// HashCost is the bcrypt cost of new passwords; 0 means auth's default.
	// Tests use the minimum, 4.
	HashCost int
}

func (o Options) withDefaults() Options {
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	return o
}

// App is one replica's services on one database.
type App struct {
	Config    *config.Config
	Store     *store.Store
	Log       *slog.Logger
	Auth      *auth.Service
	Library   *library.Library
	Workshops *workshop.Service
	Exercises *exercise.Service
	Scoring   *scoring.Service
	Hub       *stream.Hub
	// ContactChecks are the checks of the real points of contact before play.
	ContactChecks *contactcheck.Service
	// Survey is the feedback questionnaire; Attendance who took part.
	Survey     *survey.Service
	Attendance *attendance.Service
}

// New builds the services on st. It reads (or, on first start, makes) the
// token signing key and imports the bundled scenarios the library lacks; it
// starts nothing: the caller runs the hub (RunHub), and a server also the
// scheduler and, on PostgreSQL, the listener (Listen).
func New(ctx context.Context, cfg *config.Config, st *store.Store, o Options) (*App, error) {
	o = o.withDefaults()
	a := &App{Config: cfg, Store: st, Log: o.Log}
	var err error
	if a.Auth, err = NewAccounts(ctx, cfg, st, o); err != nil {
		return nil, err
	}
	if a.Library, err = NewLibrary(ctx, st, o); err != nil {
		return nil, err
	}
	a.Workshops = workshop.New(st.Workshops(), o.Now)
	a.ContactChecks = contactcheck.New(st.ContactChecks(), o.Now)
	surveyKey, err := st.SettingOrCreate(ctx, "survey_responder_key", func() string { return auth.RandomSecret(32) })
	if err != nil {
		return nil, fmt.Errorf("load survey key: %w", err)
	}
	a.Survey = survey.New(st.Surveys(), []byte(surveyKey))
	a.Attendance = attendance.New(st.Attendance())
	a.Exercises = exercise.NewService(st.Exercises(), a.Library, a.Auth, o.Now)
	a.Scoring = scoring.New(a.Exercises, st.Workshops())
	a.Hub = stream.NewHub(st.Exercises(), o.Log)
	if o.Now != nil {
		a.Hub.Now = o.Now
	}
	a.Hub.Presence = st.Presence()
	a.Hub.Localize = a.Exercises.LocalizeOne
	a.Exercises.OnAppend(a.Hub.Notify)
	st.OnAccessChange(a.Hub.AccessChanged)
	return a, nil
}

// NewAccounts builds the account service, taking the signing key from the
// configuration or, when none is set, from the database (made on first
// start, so that restarts and replicas agree). Its rate limits count in
// the database, so that every replica adds to the same counts.
func NewAccounts(ctx context.Context, cfg *config.Config, st *store.Store, o Options) (*auth.Service, error) {
	key := cfg.JWTSecret
	if key == "" {
		var err error
		key, err = st.SettingOrCreate(ctx, "jwt_secret", func() string { return auth.RandomSecret(32) })
		if err != nil {
			return nil, fmt.Errorf("load signing key: %w", err)
		}
	}
	return auth.NewService(st.Accounts(), []byte(key), auth.Options{SessionTTL: cfg.SessionTTL, Now: o.Now,
		HashCost: o.HashCost, Counters: st.RateLimits(), JoinsPerCode: cfg.JoinsPerCode}), nil
}

// NewLibrary opens the scenario library and adds the bundled scenarios
// it does not have yet (all of them on first start).
func NewLibrary(ctx context.Context, st *store.Store, o Options) (*library.Library, error) {
	set, err := cbm.Load()
	if err != nil {
		return nil, err
	}
	lib := library.New(st.Scenarios(), set, o.Now)
	added, err := lib.ImportBundled(ctx, scenarios.FS)
	if err != nil {
		return nil, fmt.Errorf("import bundled scenarios: %w", err)
	}
	if added > 0 {
		o.withDefaults().Log.Info("bundled scenarios imported", "count", added)
	}
	return lib, nil
}

// RunHub fans the events out to the open streams until ctx ends.
func (a *App) RunHub(ctx context.Context) { a.Hub.Run(ctx) }

// Listen relays the other replicas' events and access changes to the hub
// until ctx ends; on SQLite, with one process only, it returns at once.
func (a *App) Listen(ctx context.Context) {
	if a.Store.Dialect != store.Postgres {
		return
	}
	stream.ListenPostgres(ctx, a.Store.URL, stream.Channels{Events: store.NotifyChannel, Access: store.AccessChannel}, a.Hub, a.Log)
}
