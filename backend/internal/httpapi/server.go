// Package httpapi is cbmex's HTTP face: routes, thin handlers, the central
// error handler, authentication middleware, metrics and the embedded UI.
package httpapi

import (
	"context"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/cbmex/cbmex/backend/internal/attendance"
	"github.com/cbmex/cbmex/backend/internal/auth"
	"github.com/cbmex/cbmex/backend/internal/contactcheck"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/library"
	"github.com/cbmex/cbmex/backend/internal/scoring"
	"github.com/cbmex/cbmex/backend/internal/stream"
	"github.com/cbmex/cbmex/backend/internal/survey"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// Deps are what the HTTP layer needs; main wires them by hand.
type Deps struct {
	Auth      *auth.Service
	Library   *library.Library
	Workshops *workshop.Service
	// ContactChecks check the real points of contact before play.
	ContactChecks *contactcheck.Service
	Exercises     *exercise.Service
	Scoring       *scoring.Service
	Hub           *stream.Hub
	Ready         func(ctx context.Context) error // database reachable and schema current
	Logger        *slog.Logger
	UI            fs.FS  // built SPA (frontend/dist), nil when not built
	BodyLimit     string // e.g. "2M"
	SessionTTL    time.Duration
	// MessageRate is how many messages a participant may send per minute.
	MessageRate int
	// SecureCookies marks cookies Secure and sends HSTS; set when the public
	// URL is https://.
	SecureCookies bool
	// TrustedProxies are the peers whose forwarding headers are believed.
	TrustedProxies []*net.IPNet
	// MetricsToken, when set, is required as a Bearer token on /metrics.
	MetricsToken string
	// ServeMetrics puts /metrics on this server (false when it has an
	// address of its own). Without MetricsToken it answers only requests
	// from this machine (see metrics.go).
	ServeMetrics bool
	// Metrics is the registry the server's collectors go into; serve shares
	// it with the separate metrics address. Nil: New makes its own.
	Metrics *prometheus.Registry
	// StreamsPerSession and StreamsPerAddress cap open event streams.
	StreamsPerSession, StreamsPerAddress int
	// Idempotency keeps the answers of writes sent with an Idempotency-Key
	// (nil: the header is ignored).
	Idempotency IdempotencyStore
	// RequestLogLevel is the level of the per-request log line (zero:
	// info). Debug keeps an interactive terminal readable; server errors
	// are logged as errors whatever it is.
	RequestLogLevel slog.Level

	// Survey is the feedback questionnaire; Attendance who took part.
	Survey     *survey.Service
	Attendance *attendance.Service
}

type server struct {
	Deps
	registry *prometheus.Registry
	latency  *prometheus.HistogramVec
	// Message rates, counted on the auth service's shared counters: per
	// team member (a name in a team, or a staff account, so joining again
	// does not start afresh) and per team (so new names do not either).
	memberMessages, teamMessages auth.Rule
}

// New builds the Echo instance with every route registered.
func New(d Deps) *echo.Echo {
	reg := d.Metrics
	if reg == nil {
		reg = prometheus.NewRegistry()
	}
	rate := max(d.MessageRate, 1)
	s := &server{Deps: d, registry: reg,
		memberMessages: auth.Rule{Name: "message.member", Limit: rate, Window: time.Minute},
		teamMessages:   auth.Rule{Name: "message.team", Limit: teamMessageFactor * rate, Window: time.Minute}}
	s.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{
		Name:    "cbmex_http_request_duration_seconds",
		Help:    "Latency of HTTP requests by method, route pattern and status.",
		Buckets: prometheus.DefBuckets,
	}, []string{"method", "route", "status"})
	s.registry.MustRegister(s.latency,
		collectors.NewGoCollector(),
		collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if d.Hub != nil {
		d.Hub.PerSession, d.Hub.PerAddress = d.StreamsPerSession, d.StreamsPerAddress
		d.Hub.SetAccessCheck(s.streamAccess)
		s.registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "cbmex_open_streams", Help: "Open exercise event streams in this process.",
		}, func() float64 { return float64(d.Hub.Count()) }))
	}
	if d.Exercises != nil {
		s.registry.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{
				Name: "cbmex_projection_cache_exercises", Help: "Exercises whose state this process keeps in memory.",
			}, func() float64 { n, _ := d.Exercises.CacheStats(); return float64(n) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{
				Name: "cbmex_projection_cache_evictions_total", Help: "Exercises dropped from memory (idle or over the count); they are rebuilt from the log on their next use.",
			}, func() float64 { _, n := d.Exercises.CacheStats(); return float64(n) }))
	}

	e := echo.New()
	e.HideBanner, e.HidePort = true, true
	e.IPExtractor = ipExtractor(d.TrustedProxies)
	e.HTTPErrorHandler = errorHandler(d.Logger)
	e.Use(middleware.Recover(), middleware.RequestID(), requestLogger(d.Logger, d.RequestLogLevel),
		metricsMiddleware(s.latency), securityHeaders(d.SecureCookies), middleware.BodyLimit(d.BodyLimit), checkText(), compressJSON(), etags())
	s.routes(e)
	return e
}

// ipExtractor says who the client is, for every per-address limit. The TCP
// peer, unless it is one of the operator's proxies: then the address that
// proxy forwarded (X-Forwarded-For read from the right, skipping trusted
// proxies, or X-Real-IP). Echo's default would believe any client's headers,
// and its XFF extractor alone trusts every private address.
func ipExtractor(trusted []*net.IPNet) echo.IPExtractor {
	if len(trusted) == 0 {
		return echo.ExtractIPDirect()
	}
	opts := []echo.TrustOption{echo.TrustLoopback(false), echo.TrustLinkLocal(false), echo.TrustPrivateNet(false)}
	for _, n := range trusted {
		opts = append(opts, echo.TrustIPRange(n))
	}
	xff, realIP := echo.ExtractIPFromXFFHeader(opts...), echo.ExtractIPFromRealIPHeader(opts...)
	return func(r *http.Request) string {
		if len(r.Header.Values(echo.HeaderXForwardedFor)) > 0 {
			return xff(r)
		}
		return realIP(r)
	}
}

// Registry exposes the metrics registry so other parts (the stream) can add
// their own collectors.
func (s *server) Registry() *prometheus.Registry { return s.registry }

func (s *server) routes(e *echo.Echo) {
	e.GET("/healthz", s.healthz)
	e.GET("/readyz", s.readyz)
	if s.ServeMetrics {
		e.GET("/metrics", metricsEndpoint(s.registry, s.MetricsToken, true))
	} else {
		e.GET("/metrics", noMetricsHere)
	}

	api := e.Group("/api/v1", s.authenticate, csrfProtection(s.SecureCookies), s.idempotent)
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
	staff.GET("/scenarios/:id/msel.xlsx", s.exportMSEL)
	staff.GET("/scenarios/:id/guide.pdf", s.scenarioGuide("pdf"))
	staff.GET("/scenarios/:id/guide.docx", s.scenarioGuide("docx"))
	staff.GET("/scenarios/:id/manual/:file", s.scenarioManual)
	staff.POST("/scenarios/:id/msel", s.importMSEL)
	staff.GET("/scenarios/:id/translations", s.listTranslations)
	staff.GET("/scenarios/:id/translations/:lang", s.getTranslation)
	staff.PUT("/scenarios/:id/translations/:lang", s.saveTranslation)
	staff.GET("/scenarios/:id/translations/:lang/xliff", s.exportXliff)
	staff.POST("/scenarios/:id/translations/:lang/xliff", s.importXliff)
	staff.GET("/scenarios/:id/translations/:lang/file", s.translationFile)

	api.POST("/join", s.join)
	staff.GET("/workshops", s.listWorkshops)
	staff.GET("/workshops/:id", s.getWorkshop)
	staff.GET("/workshops/:id/contacts", s.listContactChecks)
	staff.POST("/workshops/:id/contacts", s.addContactCheck)
	api.GET("/contact-check/:code", s.openContactCheck)
	api.PUT("/contact-check/:code", s.confirmContactCheck)
	admin.POST("/workshops", s.createWorkshop)
	admin.PATCH("/workshops/:id", s.updateWorkshop)
	staff.POST("/exercises", s.createExercise)
	s.surveyRoutes(staff, api)
	staff.GET("/dashboard", s.dashboard)
	staff.GET("/dashboard.csv", s.dashboardCSV)

	ex := api.Group("/exercises/:id", requireRole(anyone...))
	ex.GET("", s.getExercise)
	ex.GET("/events", s.streamEvents)
	ex.GET("/log", s.eventLog)
	ex.GET("/briefing", s.briefing)
	ex.GET("/manual/:file", s.exerciseManual)
	ex.GET("/injects", s.listInjects)
	ex.GET("/injects/:key/texts", s.injectTexts)
	ex.PUT("/language", s.setLanguage)
	ex.GET("/answers", s.listAnswers)
	ex.PUT("/answers/:phase/:question", teamWrite(s, s.saveAnswer))
	ex.GET("/triggers", s.listTriggers)
	ex.GET("/participants", s.listParticipants)
	for _, a := range []string{"start", "pause", "resume", "end", "speed", "jump"} {
		ex.POST("/"+a, s.clockAction(a))
	}
	for _, a := range []string{"release", "hold", "unhold", "skip"} {
		ex.POST("/injects/:key/"+a, s.injectAction(a))
	}
	ex.POST("/injects", staffWrite(s, workshop.ActAdHocInject, http.StatusCreated, s.adHocInject))
	ex.POST("/triggers/:key/decide", staffWrite(s, workshop.ActTrigger, http.StatusNoContent, s.decideTrigger))
	ex.POST("/phases/:phase/close", s.phaseAction(false))
	ex.POST("/phases/:phase/share", s.phaseAction(true))
	ex.GET("/tours", s.listTours)
	ex.POST("/phases/:phase/tour", staffWrite(s, workshop.ActTour, http.StatusNoContent, s.openTour))
	ex.POST("/phases/:phase/tour/next", staffWrite(s, workshop.ActTour, http.StatusNoContent, s.nextSpeaker))
	ex.POST("/phases/:phase/tour/close", staffWrite(s, workshop.ActTour, http.StatusNoContent, s.closeTour))
	ex.PUT("/phases/:phase/statement", teamWrite(s, s.saveStatement))
	ex.POST("/notes", staffWrite(s, workshop.ActNote, http.StatusCreated, s.addNote))
	ex.PATCH("/teams/:team", s.renameTeam)
	ex.POST("/teams/:team/code", s.newTeamCode)
	ex.DELETE("/participants/:pid", s.removeParticipant)
	ex.GET("/messages", s.listMessages)
	ex.POST("/messages", s.sendMessage)
	for verb, status := range map[string]string{"acknowledge": "acknowledged", "answer": "answered", "decline": "declined", "escalate": "escalated"} {
		ex.POST("/messages/:msg/"+verb, s.requestAction(status))
	}
	ex.PUT("/messages/:msg/tags", staffWrite(s, workshop.ActRetag, http.StatusNoContent, s.retagMessage))
	ex.GET("/poc", s.pocDirectory)
	ex.PUT("/poc", teamWrite(s, s.savePoC))
	ex.GET("/commchecks", s.listCommChecks)
	ex.POST("/commchecks", s.sendCommCheck)
	ex.POST("/commchecks/:check/ack", teamWrite(s, s.ackCommCheck))
	ex.PUT("/scores", staffWrite(s, workshop.ActScore, http.StatusNoContent, s.setScore))
	ex.PUT("/evidence", staffWrite(s, workshop.ActEvidence, http.StatusNoContent, s.judgeEvidence))
	ex.PUT("/assessments/:team", staffWrite(s, workshop.ActAssess, http.StatusNoContent, s.assessTeam))
	ex.POST("/improvements", staffWrite(s, workshop.ActImprovement, http.StatusCreated, s.addImprovement))
	ex.POST("/report/publish", staffWrite(s, workshop.ActPublish, http.StatusNoContent, s.publishReport))
	ex.GET("/report", s.report)
	ex.GET("/report.csv", s.reportCSV)
	ex.GET("/report.pdf", s.reportPDF)
	ex.GET("/report.docx", s.reportDOCX)

	routeFallback(e)
	s.ui(e)
}

// requestLogger logs one line per request at level; a server error (5xx)
// always as an error, so it shows at any log level.
func requestLogger(log *slog.Logger, level slog.Level) echo.MiddlewareFunc {
	return middleware.RequestLoggerWithConfig(middleware.RequestLoggerConfig{
		LogStatus: true, LogURIPath: true, LogMethod: true, LogLatency: true, LogRequestID: true,
		HandleError: true,
		LogValuesFunc: func(c echo.Context, v middleware.RequestLoggerValues) error {
			l := level
			if v.Status >= 500 {
				l = slog.LevelError
			}
			log.Log(c.Request().Context(), l, "request", "method", v.Method, "path", v.URIPath, "status", v.Status,
				"latency_ms", v.Latency.Milliseconds(), "request_id", v.RequestID)
			return nil
		},
	})
}

// anyone is every role that can hold a session.
var anyone = []auth.Role{auth.RoleAdmin, auth.RoleFacilitator, auth.RoleParticipant, auth.RoleObserver}
