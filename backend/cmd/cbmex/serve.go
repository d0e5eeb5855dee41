package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/httpapi"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/workshop"
	"github.com/cbmex/cbmex/frontend"
)

func runServe(args []string, stdout, stderr io.Writer) int {
	cfg, ok := loadConfig("serve", args, stderr)
	if !ok {
		return 2
	}
	log := newLogger(cfg, stderr)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := serve(ctx, cfg, log, stdout); err != nil {
		log.Error("cbmex stopped", "err", err)
		return 1
	}
	return 0
}

func serve(ctx context.Context, cfg *config.Config, log *slog.Logger, stdout io.Writer) error {
	st, migrator, err := openMigrated(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer st.Close()
	accounts, err := authService(ctx, cfg, st)
	if err != nil {
		return err
	}
	created, password, err := accounts.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("create first admin: %w", err)
	}
	lib, err := scenarioLibrary(ctx, st, log)
	if err != nil {
		return err
	}
	workshops := workshop.New(st.Workshops(), nil)
	exercises := exercise.NewService(st.Exercises(), lib, accounts, nil)
	hub := stream.NewHub(st.Exercises(), log)
	hub.Presence = st.Presence()
	exercises.OnAppend(hub.Notify)
	st.OnAccessChange(hub.AccessChanged)
	var demo *demoInfo
	if created {
		if demo, err = seedDemo(ctx, st, workshops, exercises, lib, cfg.AdminEmail); err != nil {
			return fmt.Errorf("create the demonstration workshop: %w", err)
		}
	}

	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	go hub.Run(runCtx)
	go runScheduler(runCtx, exercises, log)
	if st.Dialect == store.Postgres {
		go stream.ListenPostgres(runCtx, st.URL, stream.Channels{Events: store.NotifyChannel, Access: store.AccessChannel}, hub, log)
	}

	e := httpapi.New(httpapi.Deps{
		Auth: accounts, Library: lib, Workshops: workshops, Exercises: exercises, Hub: hub, Logger: log,
		Scoring: scoring.New(exercises),
		UI:      frontend.Dist(), BodyLimit: cfg.BodyLimit, SessionTTL: cfg.SessionTTL, MessageRate: cfg.MessageRate, Ready: readiness(st, migrator),
		SecureCookies: cfg.HTTPS(), TrustedProxies: cfg.TrustedProxies, MetricsToken: cfg.MetricsToken,
		ServeMetrics: cfg.MetricsAddr == "", StreamsPerSession: cfg.StreamsPerSession, StreamsPerAddress: cfg.StreamsPerAddress,
	})
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	printWelcome(stdout, ln.Addr().String(), st.Dialect, cfg.AdminEmail, created, password, cfg.AdminPassword != "")
	printDemo(stdout, ln.Addr().String(), demo)
	srv := newHTTPServer(e)
	srv.RegisterOnShutdown(hub.CloseAll) // event streams never end by themselves
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newHTTPServer bounds how long a client may take: to send its headers, its
// whole request (a 2 MB upload over a slow field link fits in the minute),
// and to stay idle between requests on a kept-alive connection. Event
// streams are taken over from net/http once they start and bound their
// writes themselves.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
}

// runScheduler releases what falls due, four times a second: injects go out
// within a quarter of a second of their time.
func runScheduler(ctx context.Context, ex *exercise.Service, log *slog.Logger) {
	t := time.NewTicker(250 * time.Millisecond)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			if err := ex.Tick(ctx); err != nil && ctx.Err() == nil {
				log.Warn("scheduler", "err", err)
			}
		}
	}
}

func readiness(st *store.Store, m *store.Migrator) func(context.Context) error {
	return func(ctx context.Context) error {
		if err := st.Ping(ctx); err != nil {
			return err
		}
		current, err := m.Current(ctx)
		if err != nil {
			return err
		}
		if !current {
			return errors.New("schema is not current: run 'cbmex migrate up'")
		}
		return nil
	}
}

func printWelcome(w io.Writer, addr, dialect, email string, created bool, password string, fromConfig bool) {
	fmt.Fprintf(w, "\ncbmex is running at http://%s/ (database: %s)\n", addr, dialect)
	switch {
	case created && !fromConfig:
		fmt.Fprintf(w, "Sign in as %s with the password %s\n", email, password)
		fmt.Fprintln(w, "This password is shown only once: keep it, or reset it with 'cbmex user reset-password'.")
	case created:
		fmt.Fprintf(w, "Sign in as %s with the password from CBMEX_ADMIN_PASSWORD.\n", email)
	default:
		fmt.Fprintln(w, "Sign in with an existing account ('cbmex user reset-password --email …' if you lost it).")
	}
	fmt.Fprintln(w)
}
