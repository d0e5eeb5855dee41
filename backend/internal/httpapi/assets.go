package httpapi

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"
)

// asset is one file of the built UI with what serving it needs, worked out
// once at start: its type, an ETag from its content, and the brotli and
// gzip variants the build wrote beside it (name.br, name.gz).
type asset struct {
	body        []byte
	contentType string
	etag        string            // quoted, of the uncompressed content
	encoded     map[string][]byte // "br", "gzip" → the precompressed body
}

// assets are the UI's files by path ("index.html", "assets/x.js").
type assets map[string]*asset

// encodings in the order the server prefers them (brotli is smaller).
var encodings = []struct{ token, suffix string }{{"br", ".br"}, {"gzip", ".gz"}}

// loadAssets reads the embedded UI. The precompressed variants are not
// assets of their own: they are served for their file when the client
// accepts them.
func loadAssets(fsys fs.FS) (assets, error) {
	out := assets{}
	err := fs.WalkDir(fsys, ".", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(name, ".br") || strings.HasSuffix(name, ".gz") {
			return err
		}
		body, err := fs.ReadFile(fsys, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(body)
		a := &asset{body: body, etag: `"` + base64.RawURLEncoding.EncodeToString(sum[:12]) + `"`, encoded: map[string][]byte{}}
		if a.contentType = mime.TypeByExtension(path.Ext(name)); a.contentType == "" {
			a.contentType = http.DetectContentType(body)
		}
		for _, enc := range encodings {
			if b, err := fs.ReadFile(fsys, name+enc.suffix); err == nil {
				a.encoded[enc.token] = b
			}
		}
		out[name] = a
		return nil
	})
	return out, err
}

// serve writes the asset: the best precompressed variant the client
// accepts (Vary says the answer depends on it), 304 when the client's
// copy is current. The ETag names the variant, as a compressed body is
// other bytes than the plain one.
func (a *asset) serve(w http.ResponseWriter, r *http.Request, cacheControl string) {
	h := w.Header()
	h.Set("Cache-Control", cacheControl)
	h.Set("Content-Type", a.contentType)
	h.Add("Vary", "Accept-Encoding")
	body, etag := a.body, a.etag
	if enc, b := a.pick(r.Header.Get("Accept-Encoding")); b != nil {
		body, etag = b, strings.TrimSuffix(a.etag, `"`)+"-"+enc+`"`
		h.Set("Content-Encoding", enc)
	}
	h.Set("ETag", etag)
	// ServeContent answers If-None-Match (304) and Range requests, and
	// sets Content-Length.
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
}

// pick chooses the precompressed variant for an Accept-Encoding header.
func (a *asset) pick(accept string) (string, []byte) {
	for _, enc := range encodings {
		if b, ok := a.encoded[enc.token]; ok && accepts(accept, enc.token) {
			return enc.token, b
		}
	}
	return "", nil
}

// accepts tells whether an Accept-Encoding header takes token (and does not
// refuse it with q=0).
func accepts(header, token string) bool {
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		if !strings.EqualFold(strings.TrimSpace(name), token) {
			continue
		}
		q := strings.ReplaceAll(strings.TrimSpace(params), " ", "")
		return q != "q=0" && q != "q=0.0" && q != "q=0.00" && q != "q=0.000"
	}
	return false
}
