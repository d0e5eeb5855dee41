package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"log/slog"
	"net"
	"net/http"

	"github.com/labstack/echo/v4"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// Who may read /metrics:
//   - with a token (CBMEX_METRICS_TOKEN), whoever sends it as a Bearer token,
//     wherever /metrics is served;
//   - on a separate address (CBMEX_METRICS_ADDR) without a token, whoever can
//     reach that address: the operator chose it (an internal port);
//   - on the main address without a token (the default), only this machine:
//     the TCP peer is a loopback address and the request was not forwarded
//     by a proxy. `make run` and a Prometheus on the same host keep working;
//     a server exposed to the network does not hand its internals to anyone.
type metricsAccess int

const (
	metricsOpen metricsAccess = iota
	metricsLocalOnly
	metricsToken
)

var (
	errMetricsToken = apperr.New(http.StatusUnauthorized, "metrics_token_required",
		"Send the metrics token as 'Authorization: Bearer <token>'.")
	errMetricsLocal = apperr.New(http.StatusForbidden, "metrics_local_only",
		"Metrics are served only to this machine. Set CBMEX_METRICS_TOKEN or CBMEX_METRICS_ADDR to read them from elsewhere.")
)

// metricsEndpoint serves reg in Prometheus' text format to those access allows.
func metricsEndpoint(reg *prometheus.Registry, token string, localOnly bool) echo.HandlerFunc {
	h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	access := metricsOpen
	switch {
	case token != "":
		access = metricsToken
	case localOnly:
		access = metricsLocalOnly
	}
	want := sha256.Sum256([]byte(token))
	return func(c echo.Context) error {
		r := c.Request()
		switch access {
		case metricsToken:
			// Hashing first makes the comparison take the same time whatever
			// the length of what was sent.
			got := sha256.Sum256([]byte(bearerToken(r)))
			if bearerToken(r) == "" || subtle.ConstantTimeCompare(got[:], want[:]) != 1 {
				c.Response().Header().Set(echo.HeaderWWWAuthenticate, `Bearer realm="metrics"`)
				return errMetricsToken
			}
		case metricsLocalOnly:
			if !fromThisMachine(r) {
				return errMetricsLocal
			}
		}
		h.ServeHTTP(c.Response(), r)
		return nil
	}
}

// fromThisMachine tells whether the TCP peer is a loopback address and no
// proxy says it forwarded the request for someone else. It looks at the
// connection itself, never at what the client claims to be.
func fromThisMachine(r *http.Request) bool {
	for _, h := range []string{echo.HeaderXForwardedFor, echo.HeaderXRealIP, "Forwarded"} {
		if r.Header.Get(h) != "" {
			return false
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// noMetricsHere answers /metrics on the main address when the metrics have an
// address of their own, so the path does not fall through to the web UI.
func noMetricsHere(echo.Context) error {
	return apperr.New(http.StatusNotFound, "not_found", "Metrics are served on a separate address.")
}

// NewMetricsHandler is the handler of the separate metrics address
// (CBMEX_METRICS_ADDR): /metrics from reg, with the token when one is set,
// and the one JSON error shape for everything else.
func NewMetricsHandler(reg *prometheus.Registry, token string, log *slog.Logger) http.Handler {
	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(log)
	e.GET("/metrics", metricsEndpoint(reg, token, false))
	return e
}
