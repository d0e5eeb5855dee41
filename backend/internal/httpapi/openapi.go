package httpapi

import (
	_ "embed"
	"encoding/json"
	"net/http"

	"github.com/labstack/echo/v4"
	"gopkg.in/yaml.v3"
)

// The API description is written as YAML (easier to read and review) and
// served as JSON. A test fails when a registered route is missing from it.
//
//go:embed openapi.yaml
var openapiYAML []byte

var openapiJSON = mustOpenAPIJSON()

func mustOpenAPIJSON() []byte {
	var doc map[string]any
	if err := yaml.Unmarshal(openapiYAML, &doc); err != nil {
		panic("openapi.yaml: " + err.Error())
	}
	b, err := json.Marshal(doc)
	if err != nil {
		panic("openapi.yaml: " + err.Error())
	}
	return b
}

func (s *server) openapi(c echo.Context) error {
	return c.JSONBlob(http.StatusOK, openapiJSON)
}
