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
	"strings"
	"syscall"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/httpapi"
	"github.com/cbmex/cbmex/backend/internal/store"
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
	a, err := app.New(ctx, cfg, st, app.Options{Log: log})
	if err != nil {
		return err
	}
	created, password, err := a.Auth.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminPassword)
	if err != nil {
		return fmt.Errorf("create first admin: %w", err)
	}
	var demo *demoInfo
	if created {
		if demo, err = seedDemo(ctx, st, a.Workshops, a.Exercises, a.Library, cfg.AdminEmail); err != nil {
			return fmt.Errorf("create the demonstration workshop: %w", err)
		}
	} else if demo, err = findDemo(ctx, st, a.Exercises); err != nil {
		return fmt.Errorf("find the demonstration exercise: %w", err)
	}

	runCtx, stopRun := context.WithCancel(ctx)
	defer stopRun()
	go a.RunHub(runCtx)
	go runScheduler(runCtx, a.Exercises, log)
	go a.Listen(runCtx)

	metrics := prometheus.NewRegistry()
	d := httpapi.DepsFor(a)
	d.UI, d.Ready, d.Metrics = frontend.Dist(), readiness(st, migrator), metrics
	e := httpapi.New(d)
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return err
	}
	msrv, metricsURL, err := metricsServer(cfg, metrics, log)
	if err != nil {
		ln.Close()
		return err
	}
	base := publicBase(cfg.PublicURL, ln.Addr().String())
	if cfg.PublicURL != "" {
		log.Info("listening", "addr", ln.Addr().String(), "public_url", cfg.PublicURL)
	}
	signIn := cfg.AdminEmail
	if _, err := st.Accounts().UserByEmail(ctx, signIn); err != nil {
		signIn = "" // the first admin was renamed or removed: no name to suggest
	}
	printWelcome(stdout, base, metricsURL, st.Dialect, signIn, created, password, cfg.AdminPassword != "")
	printDemo(stdout, base, demo)
	srv := newHTTPServer(e)
	srv.RegisterOnShutdown(a.Hub.CloseAll) // event streams never end by themselves
	errc := make(chan error, 2)
	go func() { errc <- srv.Serve(ln) }()
	if msrv != nil {
		go func() { errc <- msrv.serve() }()
	}
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	shutCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if msrv != nil {
		_ = msrv.Shutdown(shutCtx)
	}
	if err := srv.Shutdown(shutCtx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// newHTTPServer bounds how long a client may take: to send its headers, its
// whole request (a 2 MB upload over a slow field link fits in two minutes),
// and to stay idle between requests on a kept-alive connection. Event
// streams are taken over from net/http once they start and bound their
// writes themselves.
func newHTTPServer(h http.Handler) *http.Server {
	return &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 2 * time.Minute, IdleTimeout: 2 * time.Minute}
}

// metricsListener is the small second server of CBMEX_METRICS_ADDR: it
// serves only /metrics, so the address can be left off the public network.
type metricsListener struct {
	*http.Server
	ln net.Listener
}

func (m *metricsListener) serve() error { return m.Serve(m.ln) }

// metricsServer opens the separate metrics address when one is set, and
// logs where the metrics are and who may read them. It returns the
// metrics' URL to print ("" when they are on the main address).
func metricsServer(cfg *config.Config, reg *prometheus.Registry, log *slog.Logger) (*metricsListener, string, error) {
	guard := "anyone who reaches it"
	if cfg.MetricsToken != "" {
		guard = "requests with the metrics token"
	}
	if cfg.MetricsAddr == "" {
		if cfg.MetricsToken == "" {
			guard = "this machine only (set CBMEX_METRICS_TOKEN or CBMEX_METRICS_ADDR for a remote Prometheus)"
		}
		log.Info("metrics on the main address at /metrics", "readers", guard)
		return nil, "", nil
	}
	ln, err := net.Listen("tcp", cfg.MetricsAddr)
	if err != nil {
		return nil, "", fmt.Errorf("metrics address: %w", err)
	}
	log.Info("metrics on their own address", "addr", ln.Addr().String(), "readers", guard)
	srv := &http.Server{
		Handler:           httpapi.NewMetricsHandler(reg, cfg.MetricsToken, log),
		ReadHeaderTimeout: 5 * time.Second, ReadTimeout: 10 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 2 * time.Minute,
	}
	return &metricsListener{Server: srv, ln: ln}, "http://" + ln.Addr().String() + "/metrics", nil
}

// publicBase is the address people reach the server at, without a trailing
// slash: CBMEX_PUBLIC_URL when set, otherwise http:// on the listening
// address (an unspecified host, 0.0.0.0 or ::, shown as localhost so the
// link opens on this machine).
func publicBase(publicURL, listenAddr string) string {
	if publicURL != "" {
		return strings.TrimRight(publicURL, "/")
	}
	host, port, err := net.SplitHostPort(listenAddr)
	if err != nil {
		return "http://" + listenAddr
	}
	if ip := net.ParseIP(host); host == "" || (ip != nil && ip.IsUnspecified()) {
		host = "localhost"
	}
	return "http://" + net.JoinHostPort(host, port)
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

func printWelcome(w io.Writer, base, metricsURL, dialect, email string, created bool, password string, fromConfig bool) {
	fmt.Fprintf(w, "\ncbmex is running at %s/ (database: %s)\n", base, dialect)
	if metricsURL != "" {
		fmt.Fprintf(w, "Prometheus metrics at %s\n", metricsURL)
	}
	switch {
	case created && !fromConfig:
		fmt.Fprintf(w, "Sign in as %s with the password %s\n", email, password)
		fmt.Fprintln(w, "This password is shown only once: keep it, or reset it with 'cbmex user reset-password'.")
	case created:
		fmt.Fprintf(w, "Sign in as %s with the password from CBMEX_ADMIN_PASSWORD.\n", email)
	case email == "":
		fmt.Fprintln(w, "Sign in with an existing account ('cbmex user reset-password --email …' if you lost it).")
	default:
		fmt.Fprintf(w, "Sign in as %s (its password was printed on the first start; to set a new one: cbmex user reset-password --email %s).\n", email, email)
	}
	fmt.Fprintln(w)
}
