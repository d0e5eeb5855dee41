package httpapi

import (
	"errors"
	"log/slog"
	"net/http"
	"strings"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

// errorBody is the one shape of every 4xx/5xx answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string            `json:"code"`
	Message string            `json:"message"`
	Fields  map[string]string `json:"fields,omitempty"`
	// Problems lists a file's problems with line and column (scenarios).
	Problems any `json:"problems,omitempty"`
}

// errorHandler writes every error as JSON. Domain errors carry their status
// and code; Echo's own errors (404 route, 405, 413…) are mapped to codes; any
// other error is a 500 whose details go to the log, never to the client.
func errorHandler(log *slog.Logger) echo.HTTPErrorHandler {
	return func(err error, c echo.Context) {
		if c.Response().Committed {
			return
		}
		status, body := describe(err)
		if status >= 500 {
			log.Error("request failed", "err", err, "method", c.Request().Method,
				"path", c.Path(), "request_id", c.Response().Header().Get(echo.HeaderXRequestID))
		}
		if c.Request().Method == http.MethodHead {
			err = c.NoContent(status)
		} else {
			err = c.JSON(status, body)
		}
		if err != nil {
			log.Error("writing error response", "err", err)
		}
	}
}

func describe(err error) (int, errorBody) {
	if e, ok := apperr.As(err); ok {
		return e.Status, errorBody{errorDetail{Code: e.Code, Message: e.Message, Fields: e.Fields, Problems: e.Details}}
	}
	var he *echo.HTTPError
	if errors.As(err, &he) {
		code, msg := echoCode(he.Code)
		return he.Code, errorBody{errorDetail{Code: code, Message: msg}}
	}
	return http.StatusInternalServerError, errorBody{errorDetail{Code: "internal_error",
		Message: "Something went wrong on the server. Please try again; if it persists, tell the organisers."}}
}

// echoCode gives Echo's framework errors a stable code and a plain sentence.
func echoCode(status int) (string, string) {
	switch status {
	case http.StatusNotFound:
		return "not_found", "There is nothing at this address."
	case http.StatusMethodNotAllowed:
		return "method_not_allowed", "This address does not accept this method."
	case http.StatusRequestEntityTooLarge:
		return "body_too_large", "The request is too large."
	case http.StatusUnsupportedMediaType:
		return "unsupported_media_type", "The request body has a content type this address does not accept."
	case http.StatusTooManyRequests:
		return "too_many_requests", "Too many requests. Please slow down."
	case http.StatusBadRequest:
		return "bad_request", "The request could not be read."
	case http.StatusUnauthorized:
		return "unauthenticated", "Please sign in."
	case http.StatusForbidden:
		return "forbidden", "You are not allowed to do this."
	}
	if status >= 500 {
		return "internal_error", "Something went wrong on the server."
	}
	return strings.ReplaceAll(strings.ToLower(http.StatusText(status)), " ", "_"), http.StatusText(status) + "."
}

func isNotFound(err error) bool {
	e, ok := apperr.As(err)
	return ok && e.Status == http.StatusNotFound
}
