package httpapi

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// textBody is an optional {"text": …} body.
type textBody struct {
	Text string `json:"text"`
}

// bindOptional decodes the body into dst when there is one.
func bindOptional(c echo.Context, dst any) error {
	if c.Request().ContentLength == 0 {
		return nil
	}
	if err := c.Bind(dst); err != nil {
		return badJSON(err)
	}
	return nil
}

var yamlTypes = []string{"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml", "text/plain"}

func yamlBody(c echo.Context) ([]byte, error) {
	ct, _, _ := mime.ParseMediaType(c.Request().Header.Get(echo.HeaderContentType))
	ok := false
	for _, t := range yamlTypes {
		ok = ok || strings.EqualFold(ct, t)
	}
	if !ok {
		return nil, apperr.New(http.StatusUnsupportedMediaType, "unsupported_media_type",
			"Send the scenario file itself with Content-Type: application/yaml.")
	}
	src, err := io.ReadAll(c.Request().Body)
	if err != nil {
		return nil, err // the body limit middleware has already answered 413
	}
	return src, nil
}

// uploadName is the file name problems are reported against.
func uploadName(c echo.Context) string {
	if n := c.QueryParam("filename"); n != "" && len(n) < 200 && !strings.ContainsAny(n, "/\\\n") {
		return n
	}
	return "scenario.yaml"
}

// badJSON is returned when a body cannot be decoded.
func badJSON(err error) error {
	return apperr.New(http.StatusBadRequest, "invalid_json", "The request body is not valid JSON for this address: "+plainBindError(err))
}

func plainBindError(err error) string {
	var he *echo.HTTPError
	if errors.As(err, &he) {
		if m, ok := he.Message.(string); ok {
			return m
		}
	}
	return "it could not be decoded"
}
