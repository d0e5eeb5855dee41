package httpapi

import (
	"context"
	"fmt"
	"mime"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/legacy"
)

// The API tests check the answers they expect; checkContract also checks
// every answer of every one of them against openapi.yaml, on both
// dialects, so the document cannot drift from the server: an answer whose
// status the operation does not list, whose content type it does not list,
// or whose JSON body does not match the schema (a missing required field, a
// null where none is allowed, a field the schema does not name) fails the
// test that caused it.

var contract struct {
	once   sync.Once
	router routers.Router
	err    error
}

// contractRouter loads the document once per test binary.
func contractRouter(t *testing.T) routers.Router {
	t.Helper()
	contract.once.Do(func() {
		ctx := context.Background()
		doc, err := openapi3.NewLoader().LoadFromData(openapiYAML)
		if err == nil {
			err = doc.Validate(ctx)
		}
		if err != nil {
			contract.err = err
			return
		}
		closeObjects(doc)
		doc.Servers = nil // requests are matched with /api/v1 cut off
		contract.router, contract.err = legacy.NewRouter(doc)
	})
	if contract.err != nil {
		t.Fatalf("openapi.yaml: %v", contract.err)
	}
	return contract.router
}

// closeObjects makes every object schema that names its properties refuse
// any other, for the check only: the document leaves objects open, as JSON
// Schema does, but an answer with a field it does not describe is drift.
func closeObjects(doc *openapi3.T) {
	seen := map[*openapi3.Schema]bool{}
	var walk func(*openapi3.SchemaRef)
	walk = func(ref *openapi3.SchemaRef) {
		if ref == nil || ref.Value == nil || seen[ref.Value] {
			return
		}
		s := ref.Value
		seen[s] = true
		if len(s.Properties) > 0 && s.AdditionalProperties.Has == nil && s.AdditionalProperties.Schema == nil {
			no := false
			s.AdditionalProperties.Has = &no
		}
		for _, p := range s.Properties {
			walk(p)
		}
		for _, group := range []openapi3.SchemaRefs{s.AnyOf, s.OneOf, s.AllOf} {
			for _, sub := range group {
				walk(sub)
			}
		}
		walk(s.Items)
		walk(s.AdditionalProperties.Schema)
	}
	for _, s := range doc.Components.Schemas {
		walk(s)
	}
	for _, item := range doc.Paths.Map() {
		for _, op := range item.Operations() {
			for _, r := range op.Responses.Map() {
				for _, mt := range r.Value.Content {
					walk(mt.Schema)
				}
			}
		}
	}
}

// checkContract fails the test when an answer of the API does not match the
// operation it came from.
func (e *env) checkContract(hr *http.Request, res *http.Response, body []byte) {
	e.t.Helper()
	if err := contractMismatch(contractRouter(e.t), hr, res.StatusCode, res.Header, body); err != nil {
		e.t.Errorf("%s %s answered %d, which does not match openapi.yaml: %v\nbody: %.2000s", hr.Method, hr.URL.RequestURI(), res.StatusCode, err, body)
	}
}

// contractMismatch says how an answer differs from the document, or nil.
// Requests that match no operation (an unknown path, a method the path does
// not take) have nothing to be checked against.
func contractMismatch(router routers.Router, hr *http.Request, status int, header http.Header, body []byte) error {
	path, isAPI := strings.CutPrefix(hr.URL.Path, "/api/v1/")
	if !isAPI {
		return nil
	}
	lookup := hr.Clone(context.Background())
	lookup.URL = &url.URL{Path: "/" + path, RawQuery: hr.URL.RawQuery}
	route, params, err := router.FindRoute(lookup)
	if err != nil {
		return nil
	}
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: lookup, PathParams: params, Route: route},
		Status:                 status,
		Header:                 header,
		Options:                &openapi3filter.Options{IncludeResponseStatus: true, MultiError: true},
	}
	in.SetBodyBytes(body)
	media, _, _ := mime.ParseMediaType(header.Get("Content-Type"))
	if media != "application/json" {
		// Files (CSV, YAML, XLSX) are not JSON to match a schema: the
		// status and content type must still be the documented ones.
		in.Options.ExcludeResponseBody = true
		if r := route.Operation.Responses.Status(status); r != nil && len(body) > 0 && r.Value.Content.Get(media) == nil {
			return fmt.Errorf("the operation does not list %s", media)
		}
	}
	return openapi3filter.ValidateResponse(context.Background(), in)
}

// The check itself refuses what drifts: a status the operation does not
// list, a missing required field, a null where none is allowed, a field the
// schema does not name, a content type not listed; it passes a right answer.
func TestContractCheckRefusesDrift(t *testing.T) {
	router := contractRouter(t)
	me := httptest.NewRequest(http.MethodGet, "/api/v1/auth/me", nil)
	user := `"user":{"id":1,"email":"a@example.org","name":"A","role":"admin","disabled":false,"created_at":"2026-01-01T00:00:00Z","updated_at":"2026-01-01T00:00:00Z"}`
	jsonType := http.Header{"Content-Type": {"application/json"}}
	for _, tt := range []struct {
		name   string
		req    *http.Request
		status int
		header http.Header
		body   string
		ok     bool
	}{
		{"a right answer", me, 200, jsonType, `{"role":"admin","csrf_token":"t",` + user + `}`, true},
		{"an undocumented status", me, 409, jsonType, `{"error":{"code":"x","message":"y"}}`, false},
		{"a missing required field", me, 200, jsonType, `{"role":"admin",` + user + `}`, false},
		{"a null where none is allowed", me, 200, jsonType, `{"role":"admin","csrf_token":null,` + user + `}`, false},
		{"a field the schema does not name", me, 200, jsonType, `{"role":"admin","csrf_token":"t","extra":1,` + user + `}`, false},
		{"a value outside the enum", me, 200, jsonType, `{"role":"root","csrf_token":"t",` + user + `}`, false},
		{"an error without its shape", me, 401, jsonType, `{"message":"no"}`, false},
		{"a content type not listed", httptest.NewRequest(http.MethodGet, "/api/v1/dashboard.csv", nil), 200,
			http.Header{"Content-Type": {"application/pdf"}}, "%PDF", false},
		{"a path outside the document", httptest.NewRequest(http.MethodGet, "/api/v1/nowhere", nil), 404, jsonType, `{}`, true},
	} {
		err := contractMismatch(router, tt.req, tt.status, tt.header, []byte(tt.body))
		if (err == nil) != tt.ok {
			t.Errorf("%s: mismatch %v, want ok=%v", tt.name, err, tt.ok)
		}
	}
}
