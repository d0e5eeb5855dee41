package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/scenarios"
)

func loadConfig(name string, args []string, stderr io.Writer) (*config.Config, bool) {
	cfg, err := config.Load(name, args, os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "cbmex %s: %v\n", name, err)
		return nil, false
	}
	return cfg, true
}

func newLogger(cfg *config.Config, w io.Writer) *slog.Logger {
	var level slog.Level
	_ = level.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: level}
	if strings.EqualFold(cfg.LogFormat, "json") {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}

// openMigrated opens the database and brings the schema up to date.
func openMigrated(ctx context.Context, cfg *config.Config, log *slog.Logger) (*store.Store, *store.Migrator, error) {
	st, err := store.Open(store.Options{DatabaseURL: cfg.DatabaseURL, DataDir: cfg.DataDir, Logger: log})
	if err != nil {
		return nil, nil, err
	}
	m, err := st.Migrator()
	if err != nil {
		st.Close()
		return nil, nil, err
	}
	applied, err := m.Up(ctx)
	if err != nil {
		st.Close()
		return nil, nil, fmt.Errorf("migrate: %w", err)
	}
	if len(applied) > 0 {
		log.Info("database migrated", "dialect", st.Dialect, "applied", applied)
	}
	return st, m, nil
}

// authService builds the account service, taking the signing key from the
// configuration or, when none is set, from the database (made on first start).
func authService(ctx context.Context, cfg *config.Config, st *store.Store) (*auth.Service, error) {
	key := cfg.JWTSecret
	if key == "" {
		var err error
		key, err = st.SettingOrCreate(ctx, "jwt_secret", func() string { return auth.RandomSecret(32) })
		if err != nil {
			return nil, fmt.Errorf("load signing key: %w", err)
		}
	}
	return auth.NewService(st.Accounts(), []byte(key), auth.Options{SessionTTL: cfg.SessionTTL,
		Counters: st.RateLimits(), JoinsPerCode: cfg.JoinsPerCode}), nil
}

// scenarioLibrary opens the scenario library and adds the bundled scenarios
// it does not have yet (all of them on first start).
func scenarioLibrary(ctx context.Context, st *store.Store, log *slog.Logger) (*library.Library, error) {
	set, err := cbm.Load()
	if err != nil {
		return nil, err
	}
	lib := library.New(st.Scenarios(), set, nil)
	added, err := lib.ImportBundled(ctx, scenarios.FS)
	if err != nil {
		return nil, fmt.Errorf("import bundled scenarios: %w", err)
	}
	if added > 0 {
		log.Info("bundled scenarios imported", "count", added)
	}
	return lib, nil
}

func runConfig(stdout io.Writer) int {
	fmt.Fprint(stdout, config.Markdown())
	return 0
}
