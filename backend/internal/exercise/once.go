package exercise

import (
	"errors"
	"strconv"

	"github.com/cbmex/cbmex/backend/internal/apperr"
)

func mapOnce(err error, msg string) error {
	if errors.Is(err, apperr.ErrDuplicate) {
		return conflict("already_done", msg)
	}
	return err
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
