package msel

import (
	"bytes"
	"fmt"
	"io/fs"
	"reflect"
	"testing"

	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/scenarios"
)

// TestRoundTripBundled exports every bundled scenario, imports the workbook
// onto the same source and checks that not one field of any inject changed.
func TestRoundTripBundled(t *testing.T) {
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled scenarios: %v", err)
	}
	for _, name := range names {
		if _, _, translation := scenario.TranslationFileName(name); translation {
			continue
		}
		t.Run(name, func(t *testing.T) {
			src, err := fs.ReadFile(scenarios.FS, name)
			if err != nil {
				t.Fatal(err)
			}
			orig := mustParse(t, name, src)
			var buf bytes.Buffer
			if err := ExportXLSX(orig, &buf); err != nil {
				t.Fatalf("ExportXLSX: %v", err)
			}
			out, rep, err := Import(name+".xlsx", buf.Bytes(), src, nil)
			if err != nil {
				t.Fatalf("Import: %v", err)
			}
			if rep.Rows != len(orig.Injects) || rep.Used != rep.Rows || len(rep.Refused) != 0 {
				t.Errorf("report = %+v, want %d rows all used", rep, len(orig.Injects))
			}
			got := mustParse(t, name, out)
			want := orig.Injects
			if !reflect.DeepEqual(got.Injects, want) {
				t.Errorf("injects changed in the round trip")
				diffInjects(t, want, got.Injects)
			}
			// Stronger still: an unchanged sheet gives back the very same file,
			// comments, quoting and blank lines included.
			if !bytes.Equal(out, src) {
				t.Errorf("the source changed in the round trip:\n%s", firstDiff(src, out))
			}
			if !reflect.DeepEqual(got.Schedule(), orig.Schedule()) {
				t.Errorf("schedule changed:\n got %v\nwant %v", got.Schedule(), orig.Schedule())
			}
		})
	}
}

func mustParse(t *testing.T, name string, src []byte) *scenario.Scenario {
	t.Helper()
	s, probs := scenario.Parse(name, src, nil)
	if len(probs) > 0 {
		t.Fatalf("parse %s:\n%v", name, probs)
	}
	return s
}

func diffInjects(t *testing.T, want, got []scenario.Inject) {
	t.Helper()
	if len(want) != len(got) {
		t.Errorf("%d injects, want %d", len(got), len(want))
		return
	}
	for i := range want {
		if !reflect.DeepEqual(want[i], got[i]) {
			t.Errorf("inject %d:\n got %#v\nwant %#v", i, got[i], want[i])
		}
	}
}

// firstDiff shows the first line where a and b differ.
func firstDiff(a, b []byte) string {
	la, lb := bytes.Split(a, []byte("\n")), bytes.Split(b, []byte("\n"))
	for i := 0; i < len(la) && i < len(lb); i++ {
		if !bytes.Equal(la[i], lb[i]) {
			return fmt.Sprintf("line %d:\n- %s\n+ %s", i+1, la[i], lb[i])
		}
	}
	return fmt.Sprintf("%d lines, want %d", len(lb), len(la))
}
