package httpapi

import (
	"mime"
	"net/http"

	"github.com/labstack/echo/v4"
)

// attachment sends a download with its file name.
func attachment(c echo.Context, name, ctype string, body []byte) error {
	c.Response().Header().Set(echo.HeaderContentDisposition, mime.FormatMediaType("attachment", map[string]string{"filename": name}))
	return c.Blob(http.StatusOK, ctype, body)
}
