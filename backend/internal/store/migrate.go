package store

import (
	"context"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"github.com/cbmex/cbmex/migrations"
)

// Migrator applies the embedded migrations of the store's dialect.
type Migrator struct{ p *goose.Provider }

// Migrator returns the migration runner for this database. On PostgreSQL it
// takes an advisory lock, so replicas starting together migrate once.
func (s *Store) Migrator() (*Migrator, error) {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return nil, err
	}
	sub, err := fs.Sub(migrations.FS, s.Dialect)
	if err != nil {
		return nil, err
	}
	dialect := goose.DialectSQLite3
	var opts []goose.ProviderOption
	if s.Dialect == Postgres {
		dialect = goose.DialectPostgres
		locker, err := lock.NewPostgresSessionLocker()
		if err != nil {
			return nil, err
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	p, err := goose.NewProvider(dialect, sqlDB, sub, opts...)
	if err != nil {
		return nil, fmt.Errorf("load migrations: %w", err)
	}
	return &Migrator{p: p}, nil
}

// Up applies every pending migration, each in its own transaction.
func (m *Migrator) Up(ctx context.Context) (applied []int64, err error) {
	res, err := m.p.Up(ctx)
	for _, r := range res {
		applied = append(applied, r.Source.Version)
	}
	return applied, err
}

// Down rolls back the newest applied migration.
func (m *Migrator) Down(ctx context.Context) (int64, error) {
	r, err := m.p.Down(ctx)
	if err != nil {
		return 0, err
	}
	return r.Source.Version, nil
}

// MigrationState is one migration and whether it is applied.
type MigrationState struct {
	Version int64
	Name    string
	Applied bool
}

// Status lists every known migration.
func (m *Migrator) Status(ctx context.Context) ([]MigrationState, error) {
	st, err := m.p.Status(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]MigrationState, 0, len(st))
	for _, s := range st {
		out = append(out, MigrationState{Version: s.Source.Version, Name: s.Source.Path, Applied: s.State == goose.StateApplied})
	}
	return out, nil
}

// Current tells whether the schema is at the newest version; the server
// refuses to serve (and /readyz fails) otherwise.
func (m *Migrator) Current(ctx context.Context) (bool, error) {
	pending, err := m.p.HasPending(ctx)
	return !pending, err
}
