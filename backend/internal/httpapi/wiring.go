package httpapi

import (
	"log/slog"

	"github.com/cbmex/cbmex/backend/internal/app"
)

// DepsFor returns the API's dependencies on a's services, with the limits of
// a's configuration. The caller adds what only it knows: the built UI, the
// readiness check, a metrics registry shared with another address.
func DepsFor(a *app.App) Deps {
	cfg := a.Config
	level := slog.LevelInfo
	if cfg.RequestLog == "debug" {
		level = slog.LevelDebug
	}
	return Deps{
		Auth: a.Auth, Library: a.Library, Workshops: a.Workshops, ContactChecks: a.ContactChecks, Survey: a.Survey, Attendance: a.Attendance, Exercises: a.Exercises, Scoring: a.Scoring, Hub: a.Hub,
		Logger: a.Log, BodyLimit: cfg.BodyLimit, SessionTTL: cfg.SessionTTL, MessageRate: cfg.MessageRate,
		SecureCookies: cfg.HTTPS(), TrustedProxies: cfg.TrustedProxies, MetricsToken: cfg.MetricsToken,
		ServeMetrics: cfg.MetricsAddr == "", StreamsPerSession: cfg.StreamsPerSession, StreamsPerAddress: cfg.StreamsPerAddress,
		RequestLogLevel: level, Idempotency: a.Store.IdempotencyKeys(),
	}
}
