package httpapi

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/app"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/config"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

const (
	testKey        = "test-signing-key-of-at-least-32-bytes!!"
	adminEmail     = "admin@example.org"
	adminPassword  = "correct horse battery"
	facilitatorPwd = "facilitator password"
)

type env struct {
	t         *testing.T
	srv       *httptest.Server
	st        *store.Store
	auth      *auth.Service
	workshops *workshop.Service
	exercises *exercise.Service
	hub       *stream.Hub
	clock     *storetest.Clock
	ready     error
}

type envOption func(*Deps)

func withUI(ui fs.FS) envOption { return func(d *Deps) { d.UI = ui } }

// newEnv starts the API on st with one admin account.
func newEnv(t *testing.T, st *store.Store, opts ...envOption) *env {
	t.Helper()
	e := buildEnv(t, st, opts...)
	if _, _, err := e.auth.EnsureAdmin(context.Background(), adminEmail, adminPassword); err != nil {
		t.Fatal(err)
	}
	return e
}

// newEnvNoAdmin starts another server on a database that has its accounts.
func newEnvNoAdmin(t *testing.T, st *store.Store) *env { return buildEnv(t, st) }

// testConfig is the configuration of a test server: the defaults, a fixed
// signing key (so that servers on one database agree without reading it),
// and a small body limit.
func testConfig() *config.Config {
	cfg := config.Defaults()
	cfg.JWTSecret, cfg.AdminEmail, cfg.BodyLimit = testKey, adminEmail, "64K"
	return cfg
}

// buildEnv starts a server wired as `cbmex serve` wires it, on a clock of
// its own.
func buildEnv(t *testing.T, st *store.Store, opts ...envOption) *env {
	ck := storetest.NewClock()
	a, err := app.New(context.Background(), testConfig(), st, app.Options{Now: ck.Now, HashCost: 4})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, st: st, auth: a.Auth, workshops: a.Workshops, exercises: a.Exercises, hub: a.Hub, clock: ck}
	hubCtx, stopHub := context.WithCancel(context.Background())
	t.Cleanup(stopHub)
	go a.RunHub(hubCtx)
	d := DepsFor(a)
	d.Ready = func(context.Context) error { return e.ready }
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
	xliff        string // sent as application/xliff+xml instead of body
	bearer       string
	cookies      []*http.Cookie
	csrf         string
	headers      map[string]string // more request headers
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
	if r.xliff != "" {
		body, ctype = strings.NewReader(r.xliff), xliffType
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
	for k, v := range r.headers {
		hr.Header.Set(k, v)
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
			e2.clock.Set(e.clock.Now())
			return e2
		})
	})
}
