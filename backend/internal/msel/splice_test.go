package msel

import (
	"bytes"
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// The import must work whatever the layout of the current source: injects
// last and no final newline (spliced), or JSON, which is also YAML (re-encoded).
func TestImportBaseLayouts(t *testing.T) {
	src := testBase(t)
	i, j := bytes.Index(src, []byte("\ninjects:")), bytes.Index(src, []byte("\ntriggers:"))
	last := append(append(append([]byte{}, src[:i+1]...), src[j+1:]...), bytes.TrimRight(src[i+1:j], "\n")...)

	var v any
	if err := yaml.Unmarshal(src, &v); err != nil {
		t.Fatal(err)
	}
	asJSON, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	want := mustParse(t, "base.yaml", src)
	var buf bytes.Buffer
	if err := ExportXLSX(want, &buf); err != nil {
		t.Fatal(err)
	}
	for name, base := range map[string][]byte{"injects last": last, "json": asJSON} {
		t.Run(name, func(t *testing.T) {
			out, _, err := Import("msel.xlsx", buf.Bytes(), base, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			got := mustParse(t, "out.yaml", out)
			if !reflect.DeepEqual(got.Injects, want.Injects) {
				diffInjects(t, want.Injects, got.Injects)
			}
			// Everything before the injects is untouched (inside them, yaml.v3
			// cannot keep the column the comments were aligned on).
			if keep := last[:bytes.Index(last, []byte("\ninjects:"))]; name == "injects last" && !bytes.HasPrefix(out, keep) {
				t.Errorf("the source changed:\n%s", firstDiff(keep, out))
			}
		})
	}
}

func TestParseTime(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"0:15", "0:15"}, {"1:05", "1:05"}, {"1:05:30", "1:05:30"}, {"90m", "1:30"}, {"0", "0:00"},
		{"Contingency", "contingency"}, {"after a +10m", "after a +10m"}, {"after a+0:10", "after a +10m"},
		{"AFTER a", "after a +0m"}, {"tomorrow", "!"}, {"1:75", "!"}, {"-5m", "!"}, {"after", "!"}, {"100h", "!"},
	} {
		tm, msg := parseTime(tt.in)
		got := "!"
		if msg == "" {
			got = strings.TrimSpace(formatTime(toInject(tm)))
		}
		if got != tt.want {
			t.Errorf("parseTime(%q) = %q (%s), want %q", tt.in, got, msg, tt.want)
		}
	}
}

func toInject(tm timing) scenario.Inject {
	return scenario.Inject{At: tm.at, After: tm.after, Contingency: tm.contingency}
}
