package httpapi

import (
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strings"

	"github.com/labstack/echo/v4"
)

// noUIPage is served when the binary was built without the UI, so a fresh
// checkout still runs and tells the user what to do.
const noUIPage = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>cbmex</title></head>
<body style="font-family:sans-serif;max-width:40rem;margin:3rem auto">
<h1>cbmex is running</h1>
<p>The web interface was not built into this binary. From the source folder run:</p>
<pre>make run</pre>
<p>or build it by hand: <code>cd frontend &amp;&amp; npm ci &amp;&amp; npm run build</code>, then
<code>go build -tags ui -o bin/cbmex ./backend/cmd/cbmex</code>.</p>
<p>The API is available under <a href="/api/v1/openapi.json">/api/v1/</a>.</p>
</body></html>`

// ui serves the SPA: real files as they are (hashed assets cached for a
// year), every other non-API path the index.html (never cached) so the
// client-side router can handle it.
func (s *server) ui(e *echo.Echo) {
	if s.UI == nil {
		e.GET("/*", func(c echo.Context) error {
			c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
			return c.HTML(http.StatusOK, noUIPage)
		})
		return
	}
	files := http.FileServer(http.FS(s.UI))
	e.GET("/*", func(c echo.Context) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
		if name != "" && name != "index.html" && fileExists(s.UI, name) {
			if strings.HasPrefix(name, "assets/") {
				c.Response().Header().Set(echo.HeaderCacheControl, "public, max-age=31536000, immutable")
			}
			files.ServeHTTP(c.Response(), c.Request())
			return nil
		}
		index, err := fs.ReadFile(s.UI, "index.html")
		if err != nil {
			return err
		}
		c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
		return c.HTMLBlob(http.StatusOK, index)
	})
}

func fileExists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && !st.IsDir() && !errors.Is(err, fs.ErrNotExist)
}
