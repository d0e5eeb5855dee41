package httpapi

import (
	"net/http"
	"slices"
	"strconv"

	"github.com/labstack/echo/v4"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// pathID reads a positive numeric id from the address.
func pathID(c echo.Context, name string) (int64, error) {
	id, err := strconv.ParseInt(c.Param(name), 10, 64)
	if err != nil || id <= 0 {
		return 0, apperr.New(http.StatusBadRequest, "invalid_id", "The "+name+" in the address must be a positive whole number.")
	}
	return id, nil
}

// queryLang reads ?lang=, one of the OSCE languages or absent ("").
func queryLang(c echo.Context) (string, error) {
	lang := c.QueryParam("lang")
	if lang != "" && !slices.Contains(scenario.Languages, lang) {
		return "", apperr.Invalid(map[string]string{"lang": "Choose one of the OSCE languages: en, fr, de, it, ru, es."})
	}
	return lang, nil
}
