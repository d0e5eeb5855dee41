package httpapi

import (
	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/auth"
)

// principal returns the authenticated caller, or nil.
func principal(c echo.Context) *auth.Principal {
	p, _ := c.Get(principalKey).(*auth.Principal)
	return p
}

// userID is the caller's account id, nil for a participant or observer.
func userID(c echo.Context) *int64 {
	if p := principal(c); p != nil && p.User != nil {
		return &p.User.ID
	}
	return nil
}
