package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// statusJSON answers /healthz and /readyz.
type statusJSON struct {
	Status string `json:"status"`
}

// healthz says the process is alive; it touches nothing else.
func (s *server) healthz(c echo.Context) error {
	return c.JSON(http.StatusOK, statusJSON{Status: "ok"})
}

// readyz says the process can serve: database reachable, schema current.
func (s *server) readyz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := s.Ready(ctx); err != nil {
		s.Logger.Warn("not ready", "err", err)
		return apperr.New(http.StatusServiceUnavailable, "not_ready", "The server cannot reach its database or its schema is not current.")
	}
	return c.JSON(http.StatusOK, statusJSON{Status: "ready"})
}
