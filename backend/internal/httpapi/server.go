// Package httpapi is cbmex's HTTP face: routes, thin handlers, the central
// error handler, authentication middleware, metrics and the embedded UI.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/library"
)

// Deps are what the HTTP layer needs; main wires them by hand.
type Deps struct {
	Auth       *auth.Service
	Library    *library.Library
	Ready      func(ctx context.Context) error // database reachable and schema current
	Logger     *slog.Logger
	UI         fs.FS  // built SPA (frontend/dist), nil when not built
	BodyLimit  string // e.g. "2M"
	SessionTTL time.Duration
	// SecureCookies marks cookies Secure; set when served over HTTPS.
	SecureCookies bool
}

type server struct {
	Deps
	registry *prometheus.Registry
	latency  *prometheus.HistogramVec
}

// New builds the Echo instance with every route registered.
func New(d Deps) *echo.Echo {
	s := &server{Deps: d, registry: prometheus.NewRegistry()}
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "cbmex_http_request_duration_seconds",
		Help:    "Latency of HTTP requests by method, route pattern and status.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "route", "status"})
	s.registry.MustRegister(s.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.HTTPErrorHandler = errorHandler(d.Logger)
	e.Use(middleware.Recover(), middleware.RequestID(), requestLogger(d.Logger),
		metricsMiddleware(s.latency), securityHeaders(), middleware.BodyLimit(d.BodyLimit))
	s.routes(e)
	return e
}

// Registry exposes the metrics registry so other parts (the stream) can add
// their own collectors.
func (s *server) Registry() *prometheus.Registry { return s.registry }

func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	e.GET("/metrics", s.metrics())

	api := e.Group("/api/v1", s.authenticate, csrfProtection(s.SecureCookies))
	api.GET("/openapi.json", s.openapi)
	api.POST("/auth/login", s.login)
	api.POST("/auth/logout", s.logout, requireRole(anyone...))
	api.GET("/auth/me", s.me, requireRole(anyone...))
	api.GET("/cbms", s.listCBMs, requireRole(anyone...))

	admin := api.Group("", requireRole(auth.RoleAdmin))
	admin.GET("/users", s.listUsers)
	admin.POST("/users", s.createUser)
	admin.PATCH("/users/:id", s.updateUser)
	admin.DELETE("/users/:id", s.deleteUser)

	staff := api.Group("", requireRole(auth.RoleAdmin, auth.RoleFacilitator))
	staff.GET("/scenarios", s.listScenarios)
	staff.POST("/scenarios", s.createScenario)
	staff.POST("/scenarios/validate", s.validateScenario)
	staff.GET("/scenarios/:id", s.getScenario)
	staff.PUT("/scenarios/:id", s.updateScenario)
	staff.GET("/scenarios/:id/export", s.exportScenario)

	api.Any("/*", apiNotFound)
	s.ui(e)
}

func requestLogger(log *slog.Logger) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, LogMethod: true, LogLatency: true, LogRequestID: true,
		HandleError: true,
		LogValuesFunc: func(_ echo.Context, v middleware.RequestLoggerValues) error {
			log.Info("request", "method", v.Method, "path", v.URIPath, "status", v.Status,
				"latency_ms", v.Latency.Milliseconds(), "request_id", v.RequestID)
			return nil
		},
	})
}

// anyone is every role that can hold a session.
var anyone = []auth.Role{auth.RoleAdmin, auth.RoleFacilitator, auth.RoleParticipant, auth.RoleObserver}
