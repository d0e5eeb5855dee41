package httpapi

import (
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/store/storetest"
)

// Every API route must be described in the OpenAPI document.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	r := e.do(req{method: "GET", path: "/api/v1/openapi.json"})
	if r.status != http.StatusOK {
		t.Fatalf("openapi: %d", r.status)
	}
	paths := r.json["paths"].(map[string]any)
	param := regexp.MustCompile(`:(\w+)`)
	echoSrv := New(Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BodyLimit: "1M"})
	n := 0
	for _, rt := range echoSrv.Routes() {
		if !strings.HasPrefix(rt.Path, "/api/v1/") || strings.HasSuffix(rt.Path, "/*") || rt.Method == echo.RouteNotFound {
			continue
		}
		p := param.ReplaceAllString(strings.TrimPrefix(rt.Path, "/api/v1"), "{$1}")
		ops, ok := paths[p].(map[string]any)
		if !ok || ops[strings.ToLower(rt.Method)] == nil {
			t.Errorf("%s %s is not in openapi.yaml", rt.Method, p)
		}
		n++
	}
	if n < 7 {
		t.Fatalf("only %d API routes found; the route walk is broken", n)
	}
}

func TestHealthReadinessAndMetrics(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	if r := e.do(req{method: "GET", path: "/healthz"}); r.status != http.StatusOK {
		t.Fatalf("healthz: %d", r.status)
	}
	if r := e.do(req{method: "GET", path: "/readyz"}); r.status != http.StatusOK {
		t.Fatalf("readyz: %d", r.status)
	}
	e.ready = errors.New("schema is old")
	expectError(t, e.do(req{method: "GET", path: "/readyz"}), http.StatusServiceUnavailable, "not_ready")
	r := e.do(req{method: "GET", path: "/metrics"})
	for _, want := range []string{"cbmex_http_request_duration_seconds_bucket", `route="/readyz"`, "go_goroutines", "process_resident_memory_bytes"} {
		if !strings.Contains(string(r.raw), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func TestSecurityHeadersAndBodyLimit(t *testing.T) {
	e := newEnv(t, storetest.SQLite(t))
	r := e.do(req{method: "GET", path: "/healthz"})
	if csp := r.header.Get("Content-Security-Policy"); !strings.Contains(csp, "script-src 'self'") {
		t.Fatalf("CSP = %q", csp)
	}
	if r.header.Get("X-Content-Type-Options") != "nosniff" || r.header.Get("X-Request-Id") == "" {
		t.Fatalf("headers: %v", r.header)
	}
	big := map[string]string{"email": strings.Repeat("a", 70*1024), "password": "x"}
	expectError(t, e.do(req{method: "POST", path: "/api/v1/auth/login", body: big}), http.StatusRequestEntityTooLarge, "body_too_large")
	expectError(t, e.do(req{method: "GET", path: "/api/v1/no-such-thing"}), http.StatusNotFound, "not_found")
	expectError(t, e.do(req{method: "PUT", path: "/api/v1/auth/login"}), http.StatusMethodNotAllowed, "method_not_allowed")
}

// A 5xx says nothing about what went wrong inside.
func TestInternalErrorsDoNotLeak(t *testing.T) {
	ec := echo.New()
	ec.HTTPErrorHandler = errorHandler(slog.New(slog.NewTextHandler(io.Discard, nil)))
	ec.GET("/boom", func(echo.Context) error { return errors.New("pq: password authentication failed for user secret") })
	rec := httptest.NewRecorder()
	ec.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	if rec.Code != 500 || strings.Contains(rec.Body.String(), "secret") || !strings.Contains(rec.Body.String(), `"internal_error"`) {
		t.Fatalf("500 body: %d %s", rec.Code, rec.Body.String())
	}
}

func TestUIFallbackAndCaching(t *testing.T) {
	ui := fstest.MapFS{
		"index.html":         {Data: []byte("<html>app</html>")},
		"assets/app-1a2b.js": {Data: []byte("console.log(1)")},
	}
	e := newEnv(t, storetest.SQLite(t), withUI(ui))
	r := e.do(req{method: "GET", path: "/admin/users"})
	if r.status != 200 || string(r.raw) != "<html>app</html>" || r.header.Get("Cache-Control") != "no-cache" {
		t.Fatalf("SPA fallback: %d %q %q", r.status, r.raw, r.header.Get("Cache-Control"))
	}
	r = e.do(req{method: "GET", path: "/assets/app-1a2b.js"})
	if r.status != 200 || !strings.Contains(r.header.Get("Cache-Control"), "immutable") {
		t.Fatalf("asset: %d %q", r.status, r.header.Get("Cache-Control"))
	}
	expectError(t, e.do(req{method: "GET", path: "/api/v1/unknown"}), http.StatusNotFound, "not_found")

	noUI := newEnv(t, storetest.SQLite(t))
	r = noUI.do(req{method: "GET", path: "/"})
	if r.status != 200 || !strings.Contains(string(r.raw), "make run") {
		t.Fatalf("no-UI page: %d %s", r.status, r.raw)
	}
}
