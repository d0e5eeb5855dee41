package httpapi

import (
	"net/http"

	"github.com/labstack/echo/v4"
)

func (s *server) listCBMs(c echo.Context) error {
	lang, err := queryLang(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, toCBMsJSON(s.Library.CBMs(), lang))
}
