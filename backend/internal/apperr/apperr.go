// Package apperr holds the error type that every layer returns when a request
// cannot be served. It carries its HTTP status and a stable code so that one
// central handler can write the single JSON error shape the API promises.
package apperr

import (
	"errors"
	"net/http"
)

// Error is a failure meant for the person or program that made the request.
type Error struct {
	Status  int               // HTTP status, e.g. 422
	Code    string            // stable snake_case code, e.g. "validation_failed"
	Message string            // a sentence for a person
	Fields  map[string]string // per-field messages for validation errors
	Details any               // optional structured details, e.g. a file's problems
}

func (e *Error) Error() string { return e.Code + ": " + e.Message }

// New makes an Error with the given status, code and message.
func New(status int, code, message string) *Error {
	return &Error{Status: status, Code: code, Message: message}
}

// Invalid reports input that failed validation, field by field.
func Invalid(fields map[string]string) *Error {
	return &Error{
		Status:  http.StatusUnprocessableEntity,
		Code:    "validation_failed",
		Message: "Some fields are not valid; see the details for each field.",
		Fields:  fields,
	}
}

// NotFound reports that the named thing does not exist (or may not be seen).
func NotFound(what string) *Error {
	return New(http.StatusNotFound, "not_found", "The "+what+" was not found.")
}

// Forbidden reports that the caller is known but may not do this.
func Forbidden() *Error {
	return New(http.StatusForbidden, "forbidden", "You are not allowed to do this.")
}

// Unauthenticated reports a missing, invalid, expired or revoked session.
func Unauthenticated() *Error {
	return New(http.StatusUnauthorized, "unauthenticated", "Please sign in again: your session is missing, expired or was ended.")
}

// Presenter is implemented by domain errors that describe themselves to
// callers as an *Error (for example a scenario file's list of problems).
type Presenter interface {
	APIError() *Error
}

// As returns the *Error inside err, if any.
func As(err error) (*Error, bool) {
	var e *Error
	if errors.As(err, &e) {
		return e, true
	}
	var p Presenter
	if errors.As(err, &p) {
		return p.APIError(), true
	}
	return nil, false
}

// Storage outcomes that the domain reacts to. Stores translate their
// driver's errors into these so that domain code stays free of SQL.
var (
	ErrNoRow     = errors.New("no such row")
	ErrDuplicate = errors.New("duplicate key")
)
