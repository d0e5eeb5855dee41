package httpapi

import (
	"bytes"
	"compress/gzip"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
)

// get sends a GET with the given headers and no transparent decompression,
// so the test sees the bytes on the wire.
func get(t *testing.T, url string, headers map[string]string) (*http.Response, []byte) {
	t.Helper()
	r, _ := http.NewRequest(http.MethodGet, url, nil)
	for k, v := range headers {
		r.Header.Set(k, v)
	}
	res, err := (&http.Client{Transport: &http.Transport{DisableCompression: true}}).Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	return res, body
}

// The UI's files go out precompressed as the client accepts (brotli before
// gzip), with Vary and an ETag per variant, and 304 for a current copy;
// unknown paths get index.html.
func TestUIAssetsArePrecompressedWithETags(t *testing.T) {
	js := strings.Repeat("console.log('cbmex');\n", 200)
	ui := fstest.MapFS{
		"index.html":         {Data: []byte("<!doctype html><title>cbmex</title>")},
		"assets/app.js":      {Data: []byte(js)},
		"assets/app.js.br":   {Data: []byte("BROTLI-BYTES")},
		"assets/app.js.gz":   {Data: []byte("GZIP-BYTES")},
		"assets/style.css":   {Data: []byte("body{}")},
		"favicon.svg":        {Data: []byte("<svg/>")},
		"assets/unused.gz":   {Data: []byte("not an asset of its own")},
		"assets/app.js.map":  {Data: []byte("{}")},
		"assets/other.js.br": {Data: []byte("orphan")},
	}
	srv := httptest.NewServer(New(Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BodyLimit: "1M", UI: ui}))
	defer srv.Close()
	for _, c := range []struct {
		accept, encoding, body string
	}{
		{"gzip, deflate, br", "br", "BROTLI-BYTES"},
		{"gzip", "gzip", "GZIP-BYTES"},
		{"br;q=0, gzip", "gzip", "GZIP-BYTES"},
		{"", "", js},
		{"identity", "", js},
	} {
		res, body := get(t, srv.URL+"/assets/app.js", map[string]string{"Accept-Encoding": c.accept})
		if res.StatusCode != 200 || res.Header.Get("Content-Encoding") != c.encoding || string(body) != c.body {
			t.Errorf("Accept-Encoding %q: %d, encoding %q, body %.20q", c.accept, res.StatusCode, res.Header.Get("Content-Encoding"), body)
		}
		if res.Header.Get("Vary") != "Accept-Encoding" || !strings.Contains(res.Header.Get("Cache-Control"), "immutable") ||
			!strings.HasPrefix(res.Header.Get("Content-Type"), "text/javascript") {
			t.Errorf("Accept-Encoding %q: headers %v", c.accept, res.Header)
		}
		etag := res.Header.Get("ETag")
		if etag == "" || (c.encoding != "") != strings.Contains(etag, "-"+c.encoding) {
			t.Errorf("Accept-Encoding %q: ETag %q", c.accept, etag)
		}
		again, body := get(t, srv.URL+"/assets/app.js", map[string]string{"Accept-Encoding": c.accept, "If-None-Match": etag})
		if again.StatusCode != http.StatusNotModified || len(body) != 0 {
			t.Errorf("Accept-Encoding %q: revalidation %d with %d bytes", c.accept, again.StatusCode, len(body))
		}
	}
	res, body := get(t, srv.URL+"/exercises/5/room", map[string]string{"Accept-Encoding": "br"})
	if res.StatusCode != 200 || string(body) != "<!doctype html><title>cbmex</title>" || res.Header.Get("Cache-Control") != "no-cache" || res.Header.Get("ETag") == "" {
		t.Fatalf("a client route: %d %q %v", res.StatusCode, body, res.Header)
	}
	if again, _ := get(t, srv.URL+"/", map[string]string{"If-None-Match": res.Header.Get("ETag")}); again.StatusCode != http.StatusNotModified {
		t.Fatalf("index.html revalidation: %d", again.StatusCode)
	}
}

// API answers over 1 KiB are gzipped for clients that accept it; every
// successful read has an ETag, and a current copy is answered with 304 and
// no body.
func TestAPIReadsAreCompressedAndRevalidated(t *testing.T) {
	srv := httptest.NewServer(New(Deps{Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), BodyLimit: "1M"}))
	defer srv.Close()
	url := srv.URL + "/api/v1/openapi.json"
	plain, want := get(t, url, nil)
	if plain.StatusCode != 200 || plain.Header.Get("Content-Encoding") != "" || len(want) < 10_000 {
		t.Fatalf("plain: %d %q %d bytes", plain.StatusCode, plain.Header.Get("Content-Encoding"), len(want))
	}
	res, zipped := get(t, url, map[string]string{"Accept-Encoding": "gzip"})
	if res.Header.Get("Content-Encoding") != "gzip" || len(zipped) >= len(want)/3 {
		t.Fatalf("gzip: encoding %q, %d bytes of %d", res.Header.Get("Content-Encoding"), len(zipped), len(want))
	}
	zr, err := gzip.NewReader(bytes.NewReader(zipped))
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := io.ReadAll(zr); !bytes.Equal(got, want) {
		t.Fatal("the gzipped answer is not the plain one")
	}
	etag := plain.Header.Get("ETag")
	if etag == "" || res.Header.Get("ETag") != etag || plain.Header.Get("Cache-Control") != "private, no-cache" {
		t.Fatalf("ETags %q / %q, Cache-Control %q", etag, res.Header.Get("ETag"), plain.Header.Get("Cache-Control"))
	}
	for _, accept := range []string{"", "gzip"} {
		again, body := get(t, url, map[string]string{"If-None-Match": etag, "Accept-Encoding": accept})
		if again.StatusCode != http.StatusNotModified || len(body) != 0 || again.Header.Get("ETag") != etag {
			t.Fatalf("revalidation (Accept-Encoding %q): %d, %d bytes, ETag %q", accept, again.StatusCode, len(body), again.Header.Get("ETag"))
		}
	}
	if other, _ := get(t, url, map[string]string{"If-None-Match": `W/"something-else"`}); other.StatusCode != 200 {
		t.Fatalf("a stale copy got %d", other.StatusCode)
	}
	// A short answer is not worth compressing.
	if short, _ := get(t, srv.URL+"/api/v1/auth/me", map[string]string{"Accept-Encoding": "gzip"}); short.Header.Get("Content-Encoding") != "" {
		t.Fatalf("a short answer was compressed: %v", short.Header)
	}
}
