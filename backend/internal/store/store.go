// Package store opens the database (embedded SQLite by default, PostgreSQL
// when a URL is given), applies migrations, and implements the storage
// interfaces that the domain packages declare.
package store

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"github.com/glebarez/sqlite"
	"gorm.io/driver/postgres"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Dialects.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// postgresPoolSize bounds each replica's connections to PostgreSQL.
const postgresPoolSize = 20

// Store is the opened database.
type Store struct {
	DB      *gorm.DB
	Dialect string
	URL     string // the PostgreSQL URL it was opened with; empty for SQLite
	access  accessHooks
}

// Options say which database to open.
type Options struct {
	DatabaseURL string           // postgres://… or empty for SQLite
	DataDir     string           // where the SQLite file lives
	Now         func() time.Time // clock for GORM's timestamps; default time.Now
	Logger      *slog.Logger
}

// Open connects to the database; it does not migrate (see Migrate).
func Open(o Options) (*Store, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	cfg := &gorm.Config{
		TranslateError: true, // duplicate keys become gorm.ErrDuplicatedKey on both dialects
		NowFunc:        func() time.Time { return o.Now().UTC() },
		Logger:         logger.Discard,
	}
	if o.DatabaseURL != "" {
		db, err := gorm.Open(postgres.Open(o.DatabaseURL), cfg)
		if err != nil {
			return nil, fmt.Errorf("connect to PostgreSQL: %w", err)
		}
		sqlDB, err := db.DB()
		if err != nil {
			return nil, err
		}
		// A bounded pool: under load requests queue for a connection instead
		// of exhausting the server's max_connections (shared by all replicas).
		sqlDB.SetMaxOpenConns(postgresPoolSize)
		sqlDB.SetMaxIdleConns(postgresPoolSize)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		return &Store{DB: db, Dialect: Postgres, URL: o.DatabaseURL}, nil
	}
	return openSQLite(o.DataDir, cfg)
}

// openSQLite opens data/cbmex.db in WAL mode. All access goes through one
// connection: the pure-Go driver degrades badly with concurrent writers, and
// one connection makes busy errors impossible within this process.
func openSQLite(dir string, cfg *gorm.Config) (*Store, error) {
	if err := os.MkdirAll(dir, 0o750); err != nil {
		return nil, fmt.Errorf("create data folder: %w", err)
	}
	path := filepath.Join(dir, "cbmex.db")
	dsn := "file:" + path + "?_pragma=journal_mode(WAL)&_pragma=synchronous(NORMAL)" +
		"&_pragma=busy_timeout(5000)&_pragma=foreign_keys(1)&_txlock=immediate"
	db, err := gorm.Open(sqlite.Open(dsn), cfg)
	if err != nil {
		return nil, fmt.Errorf("open SQLite at %s: %w", path, err)
	}
	sqlDB, err := db.DB()
	if err != nil {
		return nil, err
	}
	sqlDB.SetMaxOpenConns(1)
	sqlDB.SetConnMaxLifetime(0)
	return &Store{DB: db, Dialect: SQLite}, nil
}

// Ping checks that the database answers.
func (s *Store) Ping(ctx context.Context) error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Close closes the connection pool.
func (s *Store) Close() error {
	sqlDB, err := s.DB.DB()
	if err != nil {
		return err
	}
	return sqlDB.Close()
}

var _ io.Closer = (*Store)(nil)

// failed says which operation failed, in the words of a log line ("load
// exercise 7: …"), around the translated error: errors.Is still finds
// apperr.ErrNoRow and apperr.ErrDuplicate through it. nil stays nil.
func failed(err error, op string, args ...any) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s: %w", fmt.Sprintf(op, args...), translate(err))
}

// translate maps GORM's errors to the storage outcomes the domain knows.
func translate(err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, gorm.ErrRecordNotFound):
		return apperr.ErrNoRow
	case errors.Is(err, gorm.ErrDuplicatedKey):
		return apperr.ErrDuplicate
	}
	return err
}
