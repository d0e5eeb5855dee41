package cbm

import (
	"strings"
	"testing"
	"testing/fstest"
)

func TestLoadEmbedded(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	osce := set.Default()
	if osce == nil || osce.ID != DefaultID {
		t.Fatalf("default catalogue = %+v", osce)
	}
	if got := len(osce.Items); got != 16 {
		t.Fatalf("OSCE catalogue has %d items, want 16", got)
	}
	for i, it := range osce.Items {
		wantDecision := "PC.DEC/1106"
		wantDate := "2013-12-03"
		if i >= 11 {
			wantDecision, wantDate = "PC.DEC/1202", "2016-03-10"
		}
		if it.Decision != wantDecision || it.Adopted != wantDate {
			t.Errorf("CBM %s: decision %s of %s, want %s of %s", it.Key, it.Decision, it.Adopted, wantDecision, wantDate)
		}
	}
	it, ok := osce.Item("8")
	if !ok || !strings.Contains(strings.ToLower(it.Title), "points of contact") {
		t.Fatalf("CBM 8 = %+v, %v", it, ok)
	}
	if got := it.Citation(osce); got != "PC.DEC/1106, CBM 8" {
		t.Errorf("citation = %q", got)
	}
	if _, ok := osce.Item("17"); ok {
		t.Error("CBM 17 should not exist")
	}
}

// The second catalogue proves that a catalogue is added by dropping a file.
func TestSecondCatalogue(t *testing.T) {
	set, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	gge, ok := set.Catalogue("un-gge-2015-norms")
	if !ok {
		t.Fatalf("catalogues: %v", set.IDs())
	}
	if got := strings.Join(gge.Keys(), ""); got != "abcdefghijk" {
		t.Errorf("GGE keys = %q", got)
	}
	if _, ok := gge.Item("j"); !ok {
		t.Error("norm j missing")
	}
	if _, ok := set.Catalogue("nope"); ok {
		t.Error("unknown catalogue found")
	}
}

const validItem = `
  - key: "1"
    title: T
    summary: S
    decision: D
    adopted: "2020-01-01"
    guidance: G
`

func TestLoadFSRejectsBrokenCatalogues(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"duplicate item key", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + validItem + validItem,
		}, `item key "1" appears twice`},
		{"duplicate catalogue id", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + validItem,
			"b.yaml": "id: osce-ict-cbms\ntitle: B\nsource: S\nitems:" + validItem,
		}, `is used by another catalogue file`},
		{"missing default", map[string]string{
			"a.yaml": "id: other\ntitle: A\nsource: S\nitems:" + validItem,
		}, `default catalogue "osce-ict-cbms" is missing`},
		{"unknown field", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitel: A\nsource: S\nitems:" + validItem,
		}, `field titel not found`},
		{"bad date", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + strings.Replace(validItem, "2020-01-01", "1 Jan", 1),
		}, `not a YYYY-MM-DD date`},
		{"empty guidance", map[string]string{
			"a.yaml": "id: osce-ict-cbms\ntitle: A\nsource: S\nitems:" + strings.Replace(validItem, "guidance: G", "guidance: ''", 1),
		}, `has no guidance`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, body := range tc.files {
				fsys[name] = &fstest.MapFile{Data: []byte(body)}
			}
			_, err := LoadFS(fsys)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestSortKeys(t *testing.T) {
	keys := []string{"15", "b", "2", "10", "a", "8"}
	SortKeys(keys)
	if got := strings.Join(keys, " "); got != "2 8 10 15 a b" {
		t.Errorf("sorted = %q", got)
	}
}
