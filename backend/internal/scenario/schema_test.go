package scenario

import (
	"encoding/json"
	"os"
	"reflect"
	"sort"
	"testing"
)

// The JSON Schema gives editors completion; it must describe the same
// top-level fields as the parser, or authors get suggestions that fail.
func TestSchemaMatchesParser(t *testing.T) {
	data, err := os.ReadFile("../../../scenarios/scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var schema struct {
		Schema     string                     `json:"$schema"`
		Properties map[string]json.RawMessage `json:"properties"`
		Required   []string                   `json:"required"`
		Defs       map[string]json.RawMessage `json:"$defs"`
	}
	if err := json.Unmarshal(data, &schema); err != nil {
		t.Fatalf("the schema is not valid JSON: %v", err)
	}
	if schema.Schema != "https://json-schema.org/draft/2020-12/schema" {
		t.Errorf("$schema = %q", schema.Schema)
	}
	var fields, required []string
	for _, f := range newParser("x", nil).scenarioFields(&Scenario{}) {
		fields = append(fields, f.name)
		if f.required {
			required = append(required, f.name)
		}
	}
	var props []string
	for name := range schema.Properties {
		props = append(props, name)
	}
	sort.Strings(fields)
	sort.Strings(props)
	sort.Strings(required)
	sort.Strings(schema.Required)
	if !reflect.DeepEqual(props, fields) {
		t.Errorf("schema properties %v\nparser fields     %v", props, fields)
	}
	if !reflect.DeepEqual(schema.Required, required) {
		t.Errorf("schema required %v\nparser required %v", schema.Required, required)
	}
}
