package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/store"
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

func runConfig(stdout io.Writer) int {
	fmt.Fprint(stdout, config.Markdown())
	return 0
}
