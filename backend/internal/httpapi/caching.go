package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// compressJSON gzips API answers over 1 KiB for clients that accept it (a
// message list, a report, the MSEL); short answers are sent as they are, as
// gzip's overhead would outweigh the gain. The event stream is skipped: it
// takes its connection over and writes small events as they happen. The UI's
// files are precompressed at build time (assets.go).
func compressJSON() echo.MiddlewareFunc {
	return middleware.GzipWithConfig(middleware.GzipConfig{
		MinLength: 1024,
		Skipper: func(c echo.Context) bool {
			p := c.Request().URL.Path
			return !strings.HasPrefix(p, "/api/") || isStream(p)
		},
	})
}

// isStream tells the event stream's path (…/events), whose connection must
// be neither buffered nor compressed.
func isStream(path string) bool { return strings.HasSuffix(path, "/events") }

// etags gives every successful API read an ETag of its body and answers a
// request whose If-None-Match names it with 304 and no body, so a client
// polling or refetching a list on a slow link downloads it only when it
// changed. The answers are private to the caller and revalidated each time
// (Cache-Control: private, no-cache), so nothing stale is shown.
func etags() echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			req := c.Request()
			if req.Method != http.MethodGet || !strings.HasPrefix(req.URL.Path, "/api/") || isStream(req.URL.Path) {
				return next(c)
			}
			res := c.Response()
			orig := res.Writer
			buf := &bufferedWriter{ResponseWriter: orig}
			res.Writer = buf
			err := next(c)
			res.Writer = orig
			if err != nil && !res.Committed {
				return err
			}
			return buf.finish(req)
		}
	}
}

// bufferedWriter holds an answer back until its ETag is known.
type bufferedWriter struct {
	http.ResponseWriter
	status int
	body   bytes.Buffer
}

func (b *bufferedWriter) WriteHeader(code int) { b.status = code }

func (b *bufferedWriter) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	return b.body.Write(p)
}

// finish sends the held answer, or 304 when the client has it already.
func (b *bufferedWriter) finish(req *http.Request) error {
	w := b.ResponseWriter
	if b.status == 0 {
		return nil // nothing was written
	}
	if b.status == http.StatusOK {
		sum := sha256.Sum256(b.body.Bytes())
		etag := `W/"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`
		h := w.Header()
		h.Set("ETag", etag)
		if h.Get("Cache-Control") == "" {
			h.Set("Cache-Control", "private, no-cache")
		}
		if matches(req.Header.Get("If-None-Match"), etag) {
			h.Del("Content-Length")
			w.WriteHeader(http.StatusNotModified)
			return nil
		}
	}
	w.WriteHeader(b.status)
	_, err := w.Write(b.body.Bytes())
	return err
}

// matches tells whether an If-None-Match header names etag (weak
// comparison, as RFC 9110 asks for If-None-Match).
func matches(header, etag string) bool {
	want := strings.TrimPrefix(etag, "W/")
	for _, t := range strings.Split(header, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || strings.TrimPrefix(t, "W/") == want {
			return true
		}
	}
	return false
}
