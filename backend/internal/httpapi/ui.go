package httpapi

import (
	"errors"
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
// year), every other non-API path the index.html (revalidated each time,
// cheap with its ETag) so the client-side router can handle it. Files go
// out precompressed when the client accepts it (see assets.go).
func (s *server) ui(e *echo.Echo) {
	var files assets
	if s.UI != nil {
		var err error
		if files, err = loadAssets(s.UI); err == nil && files["index.html"] == nil {
			err = errors.New("no index.html")
		}
		if err != nil {
			s.Logger.Error("the built UI cannot be served", "err", err)
			files = nil
		}
	}
	if files == nil {
		e.GET("/*", func(c echo.Context) error {
			c.Response().Header().Set(echo.HeaderCacheControl, "no-cache")
			return c.HTML(http.StatusOK, noUIPage)
		})
		return
	}
	index := files["index.html"]
	e.GET("/*", func(c echo.Context) error {
		name := strings.TrimPrefix(path.Clean("/"+c.Param("*")), "/")
		if name == serviceWorker {
			return serveServiceWorker(c, files[name])
		}
		if a := files[name]; a != nil && name != "index.html" {
			cache := "no-cache"
			if strings.HasPrefix(name, "assets/") {
				cache = "public, max-age=31536000, immutable"
			}
			a.serve(c.Response(), c.Request(), cache)
			return nil
		}
		index.serve(c.Response(), c.Request(), "no-cache")
		return nil
	})
}

// serviceWorker is the room's service worker (frontend/src/exercise/outbox/sw.js).
const serviceWorker = "sw.js"

// serveServiceWorker sends the worker revalidated on every check, so that a new
// release reaches the browsers at once (a worker cached for long would keep
// serving the old app shell). Without one in the build it answers 404, never
// index.html: a browser then drops a worker it had installed.
func serveServiceWorker(c echo.Context, a *asset) error {
	if a == nil {
		return echo.NewHTTPError(http.StatusNotFound, "no service worker in this build")
	}
	c.Response().Header().Set("Service-Worker-Allowed", "/")
	a.serve(c.Response(), c.Request(), "no-cache, max-age=0")
	return nil
}
