package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/workshop"
	"github.com/cbmex/cbmex/scenarios"
)

const (
	testKey        = "test-signing-key-of-at-least-32-bytes!!"
	adminEmail     = "admin@example.org"
	adminPassword  = "correct horse battery"
	facilitatorPwd = "facilitator password"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

type env struct {
	t         *testing.T
	srv       *httptest.Server
	st        *store.Store
	auth      *auth.Service
	workshops *workshop.Service
	exercises *exercise.Service
	hub       *stream.Hub
	clock     *clock
	ready     error
}

type envOption func(*Deps)

func withUI(ui fs.FS) envOption { return func(d *Deps) { d.UI = ui } }

// newEnv starts the API on st with one admin account.
func newEnv(t *testing.T, st *store.Store, opts ...envOption) *env {
	t.Helper()
	ck := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	svc := auth.NewService(st.Accounts(), []byte(testKey), auth.Options{Now: ck.Now, HashCost: 4, SessionTTL: 12 * time.Hour, Counters: st.RateLimits()})
	if _, _, err := svc.EnsureAdmin(context.Background(), adminEmail, adminPassword); err != nil {
		t.Fatal(err)
	}
	return buildEnv(t, st, ck, svc, opts...)
}

// newEnvNoAdmin starts another server on a database that has its accounts.
func newEnvNoAdmin(t *testing.T, st *store.Store) *env {
	ck := &clock{t: time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)}
	svc := auth.NewService(st.Accounts(), []byte(testKey), auth.Options{Now: ck.Now, HashCost: 4, SessionTTL: 12 * time.Hour, Counters: st.RateLimits()})
	return buildEnv(t, st, ck, svc)
}

func buildEnv(t *testing.T, st *store.Store, ck *clock, svc *auth.Service, opts ...envOption) *env {
	set, err := cbm.Load()
	if err != nil {
		t.Fatal(err)
	}
	lib := library.New(st.Scenarios(), set, ck.Now)
	if _, err := lib.ImportBundled(context.Background(), scenarios.FS); err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, auth: svc, clock: ck, st: st}
	e.workshops = workshop.New(st.Workshops(), ck.Now)
	e.exercises = exercise.NewService(st.Exercises(), lib, svc, ck.Now)
	e.hub = stream.NewHub(st.Exercises(), slog.New(slog.NewTextHandler(io.Discard, nil)))
	e.hub.Now, e.hub.Presence = ck.Now, st.Presence()
	e.exercises.OnAppend(e.hub.Notify)
	st.OnAccessChange(e.hub.AccessChanged)
	hubCtx, stopHub := context.WithCancel(context.Background())
	t.Cleanup(stopHub)
	go e.hub.Run(hubCtx)
	d := Deps{Auth: svc, Library: lib, Workshops: e.workshops, Exercises: e.exercises, Hub: e.hub, Scoring: scoring.New(e.exercises), Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BodyLimit: "64K",
		SessionTTL: 12 * time.Hour, MessageRate: 20, ServeMetrics: true, StreamsPerSession: 5, StreamsPerAddress: 50, Ready: func(context.Context) error { return e.ready }}
	for _, o := range opts {
		o(&d)
	}
	e.srv = httptest.NewServer(New(d))
	e.srv.Config.RegisterOnShutdown(e.hub.CloseAll)
	t.Cleanup(func() { e.hub.CloseAll(); e.srv.Close() })
	return e
}

// onBoth runs a test body against a fresh server on each dialect.
func onBoth(t *testing.T, fn func(t *testing.T, e *env)) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) { fn(t, newEnv(t, st)) })
}

// req describes one call; exactly one of bearer or cookies authenticates it.
type req struct {
	method, path string
	body         any
	yaml         string // sent as application/yaml instead of body
	bearer       string
	cookies      []*http.Cookie
	csrf         string
}

type resp struct {
	status  int
	header  http.Header
	cookies []*http.Cookie
	json    map[string]any
	raw     []byte
}

func (e *env) do(r req) resp {
	e.t.Helper()
	var body io.Reader
	if r.body != nil {
		b, err := json.Marshal(r.body)
		if err != nil {
			e.t.Fatal(err)
		}
		body = bytes.NewReader(b)
	}
	ctype := "application/json"
	if r.yaml != "" {
		body, ctype = strings.NewReader(r.yaml), "application/yaml"
	}
	hr, err := http.NewRequest(r.method, e.srv.URL+r.path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		hr.Header.Set("Content-Type", ctype)
	}
	if r.bearer != "" {
		hr.Header.Set("Authorization", "Bearer "+r.bearer)
	}
	for _, c := range r.cookies {
		hr.AddCookie(c)
	}
	if r.csrf != "" {
		hr.Header.Set(csrfHeader, r.csrf)
	}
	res, err := http.DefaultClient.Do(hr)
	if err != nil {
		e.t.Fatal(err)
	}
	defer res.Body.Close()
	out := resp{status: res.StatusCode, header: res.Header, cookies: res.Cookies()}
	out.raw, _ = io.ReadAll(res.Body)
	_ = json.Unmarshal(out.raw, &out.json)
	e.checkContract(hr, res, out.raw)
	return out
}

// login signs in and returns the token and the cookies set.
func (e *env) login(email, password string) (string, []*http.Cookie) {
	e.t.Helper()
	r := e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": email, "password": password}})
	if r.status != http.StatusOK {
		e.t.Fatalf("login %s: %d %s", email, r.status, r.raw)
	}
	return r.json["token"].(string), r.cookies
}

func (e *env) adminToken() string {
	tok, _ := e.login(adminEmail, adminPassword)
	return tok
}

// expectError checks the one error shape and the code.
func expectError(t *testing.T, r resp, status int, code string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status %d, want %d; body %s", r.status, status, r.raw)
	}
	e, ok := r.json["error"].(map[string]any)
	if !ok {
		t.Fatalf("no error object in %s", r.raw)
	}
	if e["code"] != code {
		t.Fatalf("code %v, want %s", e["code"], code)
	}
	if msg, _ := e["message"].(string); msg == "" {
		t.Fatalf("error without a message: %s", r.raw)
	}
}

func cookie(cs []*http.Cookie, name string) *http.Cookie {
	for _, c := range cs {
		if c.Name == name {
			return c
		}
	}
	return nil
}

// storetestDialects is onBoth with a way to "restart": a second server on the
// same database, with new services and a new hub (nothing kept in memory).
func storetestDialects(t *testing.T, fn func(t *testing.T, e *env, restart func() *env)) {
	storetest.Dialects(t, func(t *testing.T, st *store.Store) {
		e := newEnv(t, st)
		fn(t, e, func() *env {
			e.hub.CloseAll()
			e.srv.Close()
			e2 := newEnvNoAdmin(t, st)
			e2.clock.t = e.clock.Now()
			return e2
		})
	})
}
