package httpapi

import (
	"net/http"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// pathID reads a positive numeric id from the address.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(http.StatusBadRequest, "invalid_id", "The "+name+" in the address must be a positive whole number.")
	}
	return id, nil
}
