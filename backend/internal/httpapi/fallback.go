package httpapi

import (
	"net/http"
	"strings"
	"sync"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// apiFallbackPath catches every API address no route takes, so that the
// SPA's index.html is never the answer to an API call.
const apiFallbackPath = "/api/v1/*"

// routeFallback makes apiFallback the answer wherever no API route takes a
// request. Each Echo group with middleware registers not-found routes of its
// own ("/api/v1/exercises/:id/*"…), which the router prefers to a 405; they
// are replaced, so that the fallback decides between 405 and 404 everywhere.
// Call it once every API route is registered.
func routeFallback(e *echo.Echo) {
	fallback := apiFallback(e)
	for _, rt := range e.Routes() {
		if rt.Method == echo.RouteNotFound && strings.HasPrefix(rt.Path, "/api/v1") {
			e.RouteNotFound(rt.Path, fallback)
		}
	}
	e.RouteNotFound(apiFallbackPath, fallback)
}

// routeMethods are the methods API routes are registered with, in the order
// Echo lists them in its own Allow headers.
var routeMethods = []string{http.MethodDelete, http.MethodGet, http.MethodPatch, http.MethodPost, http.MethodPut}

var errNoEndpoint = apperr.New(http.StatusNotFound, "not_found", "There is no API endpoint at this address.")

// apiFallback answers what no API route takes. An address that exists with
// other methods answers 405 with an Allow header (and OPTIONS answers 204
// with it), as Echo does outside the API. Any other address answers 404.
// It runs without the groups' middleware: no credentials (nor CSRF token)
// are needed to learn that an address or a method is wrong.
func apiFallback(e *echo.Echo) echo.HandlerFunc {
	var once sync.Once
	var routes map[string]bool // "METHOD /path/:param", read once every route is registered
	return func(c echo.Context) error {
		once.Do(func() { routes = registered(e) })
		allow := allowedMethods(e, routes, c.Request())
		if len(allow) == 0 {
			return errNoEndpoint
		}
		c.Response().Header().Set(echo.HeaderAllow, strings.Join(append([]string{http.MethodOptions}, allow...), ", "))
		if c.Request().Method == http.MethodOptions {
			return c.NoContent(http.StatusNoContent)
		}
		return echo.ErrMethodNotAllowed
	}
}

// allowedMethods asks the router which methods r's path has a route for.
// The router names the route it would take; only a route registered with
// that very method counts (the router also names not-found routes, and a
// path it found for another method).
func allowedMethods(e *echo.Echo, routes map[string]bool, r *http.Request) []string {
	var out []string
	path := echo.GetPath(r)
	for _, m := range routeMethods {
		probe := e.NewContext(r, nil)
		e.Router().Find(m, path, probe)
		if routes[m+" "+probe.Path()] {
			out = append(out, m)
		}
	}
	return out
}

func registered(e *echo.Echo) map[string]bool {
	out := map[string]bool{}
	for _, rt := range e.Routes() {
		out[rt.Method+" "+rt.Path] = true
	}
	return out
}
