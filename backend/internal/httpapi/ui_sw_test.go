package httpapi

import (
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// The service worker is revalidated on every update check (no long cache, so a
// new release replaces it at once) and goes out as JavaScript; a build without
// one answers 404 rather than index.html, so that a browser drops an old worker.
func TestServiceWorkerIsNeverCachedLong(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	ui := fstest.MapFS{
		"index.html": {Data: []byte("<!doctype html><title>cbmex</title>")},
		"sw.js":      {Data: []byte("self.addEventListener('fetch', () => {});")},
		"sw.js.gz":   {Data: []byte("GZIP-BYTES")},
	}
	srv := httptest.NewServer(New(Deps{Logger: quiet, BodyLimit: "1M", UI: ui}))
	defer srv.Close()
	for _, accept := range []string{"", "gzip"} {
		res, _ := get(t, srv.URL+"/sw.js", map[string]string{"Accept-Encoding": accept})
		cc := res.Header.Get("Cache-Control")
		if res.StatusCode != 200 || !strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") ||
			!strings.Contains(cc, "no-cache") || strings.Contains(cc, "immutable") || strings.Contains(cc, "31536000") ||
			res.Header.Get("Service-Worker-Allowed") != "/" || res.Header.Get("ETag") == "" {
			t.Errorf("Accept-Encoding %q: %d %v", accept, res.StatusCode, res.Header)
		}
	}

	without := httptest.NewServer(New(Deps{Logger: quiet, BodyLimit: "1M", UI: fstest.MapFS{
		"index.html": {Data: []byte("<!doctype html><title>cbmex</title>")},
	}}))
	defer without.Close()
	res, body := get(t, without.URL+"/sw.js", nil)
	if res.StatusCode != 404 || strings.Contains(string(body), "<title>cbmex") {
		t.Errorf("without a worker: %d %s", res.StatusCode, body)
	}
}
