package httpapi

import (
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/prometheus/client_golang/prometheus"

	"github.com/cbmex/cbmex/backend/internal/store"
	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

func withHTTPS() envOption { return func(d *Deps) { d.SecureCookies = true } }

// With an https:// public URL every cookie the server sets is Secure and
// every answer carries Strict-Transport-Security, even when the request
// itself arrived as plain HTTP from a TLS-terminating proxy; without one,
// neither (plain HTTP on localhost must keep working).
func TestHTTPSPublicURLMakesCookiesSecureAndSendsHSTS(t *testing.T) {
	for _, https := range []bool{true, false} {
		name := map[bool]string{true: "https", false: "http"}[https]
		t.Run(name, func(t *testing.T) {
			storetest.Dialects(t, func(t *testing.T, st *store.Store) {
				var opts []envOption
				if https {
					opts = append(opts, withHTTPS())
				}
				e := newEnv(t, st, opts...)
				var all []*http.Cookie
				var answers []resp
				collect := func(r resp) resp { all = append(all, r.cookies...); answers = append(answers, r); return r }

				login := collect(e.do(req{method: "POST", path: "/api/v1/auth/login", body: map[string]string{"email": adminEmail, "password": adminPassword}}))
				session := cookie(login.cookies, sessionCookie)
				// A session cookie without its CSRF cookie: the CSRF middleware sets one.
				collect(e.do(req{method: "GET", path: "/api/v1/auth/me", cookies: []*http.Cookie{session}}))
				_, _, codes, _ := e.liveExercise()
				collect(e.do(req{method: "POST", path: "/api/v1/join", body: map[string]string{"code": codes["valdoria"], "name": "Vera"}}))
				collect(e.do(req{method: "POST", path: "/api/v1/auth/logout", bearer: login.json["token"].(string)}))
				collect(e.do(req{method: "GET", path: "/healthz"}))
				collect(e.do(req{method: "GET", path: "/api/v1/no-such-thing"}))

				names := map[string]bool{}
				for _, c := range all {
					names[c.Name] = true
					if c.Secure != https {
						t.Errorf("cookie %s (max-age %d): Secure=%v, want %v", c.Name, c.MaxAge, c.Secure, https)
					}
				}
				if !names[sessionCookie] || !names[csrfCookie] {
					t.Fatalf("cookies seen: %v", names)
				}
				for i, r := range answers {
					hsts := r.header.Get("Strict-Transport-Security")
					if https && hsts != "max-age=31536000" {
						t.Errorf("answer %d (%d): Strict-Transport-Security %q", i, r.status, hsts)
					}
					if !https && hsts != "" {
						t.Errorf("answer %d: HSTS %q sent without an https public URL", i, hsts)
					}
				}
			})
		})
	}
}

const metricsTestToken = "metrics-token-for-tests"

// With a token, /metrics answers only requests that send it.
func TestMetricsTokenIsRequired(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t), func(d *Deps) { d.MetricsToken = metricsTestToken })
	r := e.do(req{method: "GET", path: "/metrics"})
	expectError(t, r, http.StatusUnauthorized, "metrics_token_required")
	if !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("WWW-Authenticate = %q", r.header.Get("WWW-Authenticate"))
	}
	expectError(t, e.do(req{method: "GET", path: "/metrics", bearer: "wrong"}), http.StatusUnauthorized, "metrics_token_required")
	expectError(t, e.do(req{method: "GET", path: "/metrics", bearer: metricsTestToken + "x"}), http.StatusUnauthorized, "metrics_token_required")
	r = e.do(req{method: "GET", path: "/metrics", bearer: metricsTestToken})
	if r.status != http.StatusOK || !strings.Contains(string(r.raw), "cbmex_http_request_duration_seconds") {
		t.Fatalf("with the token: %d %.200s", r.status, r.raw)
	}
}

// When the metrics have their own address, the main one does not serve
// them, not even as the web UI's index page.
func TestMetricsOffTheMainAddress(t *testing.T) {
	ui := fstest.MapFS{"index.html": {Data: []byte(`<div id="root"></div>`)}}
	e := newEnv(t, storetest.SQLite(t), withUI(ui), func(d *Deps) { d.ServeMetrics = false })
	expectError(t, e.do(req{method: "GET", path: "/metrics"}), http.StatusNotFound, "not_found")
}

// By default (no token, main address) only this machine reads the metrics:
// the TCP peer must be loopback and the request not forwarded by a proxy.
func TestMetricsDefaultIsThisMachineOnly(t *testing.T) {
	h := New(Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BodyLimit: "1M", ServeMetrics: true})
	cases := []struct {
		peer   string
		header string
		want   int
	}{
		{"127.0.0.1:50000", "", http.StatusOK},
		{"[::1]:50000", "", http.StatusOK},
		{"192.0.2.7:50000", "", http.StatusForbidden},
		{"10.0.0.3:50000", "", http.StatusForbidden},
		{"127.0.0.1:50000", "X-Forwarded-For", http.StatusForbidden},
		{"127.0.0.1:50000", "X-Real-IP", http.StatusForbidden},
		{"127.0.0.1:50000", "Forwarded", http.StatusForbidden},
	}
	for _, c := range cases {
		r := httptest.NewRequest("GET", "/metrics", nil)
		r.RemoteAddr = c.peer
		if c.header != "" {
			r.Header.Set(c.header, "127.0.0.1")
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		if w.Code != c.want {
			t.Errorf("peer %s %s: %d, want %d", c.peer, c.header, w.Code, c.want)
		}
		if w.Code == http.StatusForbidden && !strings.Contains(w.Body.String(), `"metrics_local_only"`) {
			t.Errorf("refusal body %s", w.Body)
		}
	}
}

// The separate metrics address serves /metrics (to anyone who reaches it, or
// with the token) and nothing else.
func TestSeparateMetricsHandler(t *testing.T) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(prometheus.NewCounter(prometheus.CounterOpts{Name: "cbmex_test_total", Help: "test"}))
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	get := func(h http.Handler, path, peer, bearer string) *httptest.ResponseRecorder {
		r := httptest.NewRequest("GET", path, nil)
		r.RemoteAddr = peer
		if bearer != "" {
			r.Header.Set("Authorization", "Bearer "+bearer)
		}
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		return w
	}
	open := NewMetricsHandler(reg, "", log)
	if w := get(open, "/metrics", "10.1.2.3:4000", ""); w.Code != 200 || !strings.Contains(w.Body.String(), "cbmex_test_total") {
		t.Fatalf("separate address: %d %s", w.Code, w.Body)
	}
	if w := get(open, "/", "10.1.2.3:4000", ""); w.Code != 404 || !strings.Contains(w.Body.String(), `"not_found"`) {
		t.Fatalf("other path on the metrics address: %d %s", w.Code, w.Body)
	}
	locked := NewMetricsHandler(reg, metricsTestToken, log)
	if w := get(locked, "/metrics", "127.0.0.1:4000", ""); w.Code != 401 {
		t.Fatalf("no token on the metrics address: %d", w.Code)
	}
	if w := get(locked, "/metrics", "10.1.2.3:4000", metricsTestToken); w.Code != 200 {
		t.Fatalf("token on the metrics address: %d", w.Code)
	}
}

// /metrics shows how many exercises' projections are in memory.
func TestMetricsShowProjectionCache(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	_, id, _, _ := e.liveExercise()
	if _, err := e.exercises.Projection(t.Context(), id); err != nil {
		t.Fatal(err)
	}
	r := e.do(req{method: "GET", path: "/metrics"})
	for _, want := range []string{"cbmex_projection_cache_exercises 1", "cbmex_projection_cache_evictions_total 0", "cbmex_open_streams 0"} {
		if !strings.Contains(string(r.raw), want) {
			t.Errorf("metrics lack %q", want)
		}
	}
}
