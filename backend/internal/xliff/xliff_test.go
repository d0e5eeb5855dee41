package xliff

import (
	"bytes"
	"encoding/binary"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"reflect"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/cbmex/cbmex/backend/internal/scenario"
	"github.com/cbmex/cbmex/scenarios"
)

// The document as a CAT tool's XML reader sees it.
type xDoc struct {
	XMLName xml.Name
	Version string  `xml:"version,attr"`
	SrcLang string  `xml:"srcLang,attr"`
	TrgLang string  `xml:"trgLang,attr"`
	Files   []xFile `xml:"file"`
}

type xFile struct {
	ID       string  `xml:"id,attr"`
	Original string  `xml:"original,attr"`
	Units    []xUnit `xml:"unit"`
}

type xUnit struct {
	ID       string     `xml:"id,attr"`
	Notes    []xNote    `xml:"notes>note"`
	Segments []xSegment `xml:"segment"`
}

type xNote struct {
	Category string `xml:"category,attr"`
	Text     string `xml:",chardata"`
}

type xSegment struct {
	State    string `xml:"state,attr"`
	SubState string `xml:"subState,attr"`
	Source   xText  `xml:"source"`
	Target   *xText `xml:"target"`
}

type xText struct {
	Space string `xml:"http://www.w3.org/XML/1998/namespace space,attr"`
	Text  string `xml:",chardata"`
}

func bundled(t *testing.T) []*scenario.Scenario {
	t.Helper()
	names, err := fs.Glob(scenarios.FS, "*.yaml")
	if err != nil || len(names) == 0 {
		t.Fatalf("no bundled scenarios (%v)", err)
	}
	var out []*scenario.Scenario
	for _, name := range names {
		if _, _, ok := scenario.TranslationFileName(name); ok {
			continue
		}
		out = append(out, load(t, name))
	}
	return out
}

func load(t *testing.T, name string) *scenario.Scenario {
	t.Helper()
	data, err := fs.ReadFile(scenarios.FS, name)
	if err != nil {
		t.Fatal(err)
	}
	s, probs := scenario.Parse(name, data, nil)
	if probs != nil {
		t.Fatalf("%s: %v", name, probs)
	}
	return s
}

func grid(t *testing.T) *scenario.Scenario { return load(t, "grid-cascade.yaml") }

func export(t *testing.T, s *scenario.Scenario, tr *scenario.Translation, lang string) []byte {
	t.Helper()
	data, err := Export(s, tr, lang)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func importOK(t *testing.T, data []byte, s *scenario.Scenario, base *scenario.Translation) (*scenario.Translation, []Problem) {
	t.Helper()
	tr, probs, err := Import(data, s, base)
	if err != nil {
		t.Fatalf("import: %v\n%s", err, data)
	}
	return tr, probs
}

func parseDoc(t *testing.T, data []byte) xDoc {
	t.Helper()
	var doc xDoc
	if err := xml.Unmarshal(data, &doc); err != nil {
		t.Fatalf("the export is not XML: %v\n%s", err, data)
	}
	return doc
}

// translated gives a recognisable translation of a text.
func translated(key string) string { return "перевод " + key }

func TestExportBundled(t *testing.T) {
	for _, s := range bundled(t) {
		t.Run(s.ID, func(t *testing.T) {
			data := export(t, s, nil, "ru")
			if !bytes.HasPrefix(data, []byte(`<?xml version="1.0" encoding="UTF-8"?>`)) {
				t.Errorf("no XML declaration: %.60s", data)
			}
			doc := parseDoc(t, data)
			if doc.XMLName.Space != "urn:oasis:names:tc:xliff:document:2.0" || doc.XMLName.Local != "xliff" {
				t.Errorf("root is %v", doc.XMLName)
			}
			if doc.Version != "2.0" || doc.SrcLang != s.SourceLanguage() || doc.TrgLang != "ru" {
				t.Errorf("version %q srcLang %q trgLang %q", doc.Version, doc.SrcLang, doc.TrgLang)
			}
			if len(doc.Files) != 1 || doc.Files[0].ID != s.ID || doc.Files[0].Original != s.ID+".yaml" {
				t.Fatalf("files: %+v", doc.Files)
			}
			texts := s.Texts()
			units := doc.Files[0].Units
			if len(units) != len(texts) || len(texts) == 0 {
				t.Fatalf("%d units for %d texts", len(units), len(texts))
			}
			for i, u := range units {
				tx := texts[i]
				if u.ID != tx.Key {
					t.Errorf("unit %d is %q, want %q", i, u.ID, tx.Key)
				}
				if len(u.Segments) != 1 {
					t.Fatalf("%s: %d segments", u.ID, len(u.Segments))
				}
				seg := u.Segments[0]
				if seg.Source.Text != tx.Value || seg.Source.Space != "preserve" {
					t.Errorf("%s: source %q (xml:space %q), want %q", u.ID, seg.Source.Text, seg.Source.Space, tx.Value)
				}
				if seg.Target != nil || seg.State != "initial" {
					t.Errorf("%s: state %q, target %v with nothing translated", u.ID, seg.State, seg.Target)
				}
				wantNotes := []xNote(nil)
				if tx.Markdown {
					wantNotes = []xNote{{"format", "Markdown: keep the markup"}}
				}
				if !reflect.DeepEqual(u.Notes, wantNotes) {
					t.Errorf("%s: notes %+v, want %+v", u.ID, u.Notes, wantNotes)
				}
			}
		})
	}
}

func TestExportStates(t *testing.T) {
	s := grid(t)
	texts := s.Texts()
	done, stale, missing := texts[0], texts[1], texts[2]
	tr := scenario.NewTranslation(s, "ru")
	tr.Set(done.Key, done.Value, translated(done.Key))
	tr.Set(stale.Key, "an older source text", translated(stale.Key))
	doc := parseDoc(t, export(t, s, tr, "ru"))
	units := doc.Files[0].Units

	u := units[0].Segments[0]
	if u.State != "translated" || u.SubState != "" || u.Target == nil || u.Target.Text != translated(done.Key) || u.Target.Space != "preserve" {
		t.Errorf("done: %+v", u)
	}
	u = units[1].Segments[0]
	if u.State != "initial" || u.SubState != "cbmex:stale" || u.Target == nil || u.Target.Text != translated(stale.Key) {
		t.Errorf("stale: %+v", u)
	}
	if len(units[1].Notes) == 0 || units[1].Notes[0] != (xNote{"cbmex", "The source text changed since this was translated; check the translation."}) {
		t.Errorf("stale notes: %+v", units[1].Notes)
	}
	u = units[2].Segments[0]
	if u.State != "initial" || u.Target != nil {
		t.Errorf("missing %s: %+v", missing.Key, u)
	}
}

func TestExportErrors(t *testing.T) {
	s := grid(t)
	fr := scenario.NewTranslation(s, "fr")
	other := scenario.NewTranslation(s, "ru")
	other.Scenario = "cable-cut"
	for _, c := range []struct {
		lang string
		tr   *scenario.Translation
		want string
	}{
		{"xx", nil, "the languages are en, fr"},
		{"en", nil, "it is written in en"},
		{"ru", fr, "with the fr translation"},
		{"ru", other, `translation of the scenario "cable-cut"`},
	} {
		_, err := Export(s, c.tr, c.lang)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Export(%s): %v, want %q", c.lang, err, c.want)
		}
	}
}

// partial translates every other text of s, and makes one of them stale.
func partial(s *scenario.Scenario) (*scenario.Translation, string) {
	tr := scenario.NewTranslation(s, "ru")
	var staleKey string
	for i, tx := range s.Texts() {
		switch {
		case i == 3:
			staleKey = tx.Key
			tr.Set(tx.Key, "what the source said before", translated(tx.Key))
		case i%2 == 0:
			tr.Set(tx.Key, tx.Value, translated(tx.Key))
		}
	}
	return tr, staleKey
}

func TestRoundTrip(t *testing.T) {
	for _, s := range bundled(t) {
		t.Run(s.ID, func(t *testing.T) {
			tr, staleKey := partial(s)
			before := maps.Clone(tr.Entries)
			data := export(t, s, tr, "ru")

			// Into the translation it came from: nothing changes, the stale
			// text stays stale.
			got, probs := importOK(t, data, s, tr)
			if len(probs) != 0 {
				t.Errorf("problems: %v", probs)
			}
			if !reflect.DeepEqual(got.Entries, tr.Entries) {
				t.Errorf("entries differ after the round trip:\n got %v\nwant %v", got.Entries, tr.Entries)
			}
			if got.Scenario != s.ID || got.Language != "ru" {
				t.Errorf("got a translation of %s into %s", got.Scenario, got.Language)
			}
			if got.State(staleKey, textOf(s, staleKey)) != scenario.StateStale {
				t.Errorf("%s is no longer stale", staleKey)
			}
			if !reflect.DeepEqual(tr.Entries, before) {
				t.Errorf("Import changed its base")
			}
			if again := export(t, s, got, "ru"); !bytes.Equal(again, data) {
				t.Errorf("exporting the import gives another file")
			}

			// Into nothing: the current texts come back; the stale one,
			// never confirmed, cannot be told from an old draft.
			got, probs = importOK(t, data, s, nil)
			want := maps.Clone(tr.Entries)
			delete(want, staleKey)
			if !reflect.DeepEqual(got.Entries, want) {
				t.Errorf("entries differ after the round trip into nothing:\n got %v\nwant %v", got.Entries, want)
			}
			if len(probs) != 1 || probs[0].Unit != staleKey || !strings.Contains(probs[0].Message, "still marked stale") {
				t.Errorf("problems: %v", probs)
			}
		})
	}
}

func textOf(s *scenario.Scenario, key string) string {
	for _, tx := range s.Texts() {
		if tx.Key == key {
			return tx.Value
		}
	}
	return ""
}

// unitBlock returns the <unit> element of data with the id, and where it
// starts.
func unitBlock(t *testing.T, data []byte, id string) (string, int) {
	t.Helper()
	s := string(data)
	start := strings.Index(s, `<unit id="`+id+`">`)
	if start < 0 {
		t.Fatalf("no unit %s in\n%s", id, s)
	}
	end := start + strings.Index(s[start:], "</unit>") + len("</unit>")
	return s[start:end], start
}

// editUnit replaces old by new inside the unit with the id.
func editUnit(t *testing.T, data []byte, id, old, new string) []byte {
	t.Helper()
	block, at := unitBlock(t, data, id)
	if !strings.Contains(block, old) {
		t.Fatalf("unit %s has no %q:\n%s", id, old, block)
	}
	edited := strings.Replace(block, old, new, 1)
	return []byte(string(data[:at]) + edited + string(data[at+len(block):]))
}

func TestStale(t *testing.T) {
	s := grid(t)
	tr := scenario.NewTranslation(s, "ru")
	for _, tx := range s.Texts() {
		tr.Set(tx.Key, tx.Value, translated(tx.Key))
	}
	if probs := tr.Check(s); probs != nil {
		t.Fatalf("the full translation has problems: %v", probs)
	}
	data := export(t, s, tr, "ru")

	// The translator edits the target of one text, and the source of the
	// same text (a CAT tool lets them fix a typo in the source).
	key := s.Texts()[1].Key
	src := textOf(s, key)
	data = editUnit(t, data, key, ">"+translated(key)+"<", ">Исправленный перевод<")
	data = editUnit(t, data, key, ">"+xmlEscape(src)+"<", ">"+xmlEscape(src)+" (edited)<")

	got, probs := importOK(t, data, s, tr)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if e := got.Entries[key]; e.Text != "Исправленный перевод" || e.Source != scenario.Fingerprint(src+" (edited)") {
		t.Errorf("%s: %+v", key, e)
	}
	checked := got.Check(s)
	if len(checked) != 1 || !strings.Contains(checked[0].Message, key+" is stale") {
		t.Fatalf("Check: %v", checked)
	}
	for k, e := range tr.Entries {
		if k != key && got.Entries[k] != e {
			t.Errorf("%s changed: %+v", k, got.Entries[k])
		}
	}
}

// A stale text the translator revised without marking it translated is
// their new work: it is imported, as the translation of the current source.
func TestStaleEdited(t *testing.T) {
	s := grid(t)
	tr, staleKey := partial(s)
	data := export(t, s, tr, "ru")
	data = editUnit(t, data, staleKey, ">"+translated(staleKey)+"<", ">Новый перевод<")
	got, probs := importOK(t, data, s, tr)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if got.Entries[staleKey].Text != "Новый перевод" || got.State(staleKey, textOf(s, staleKey)) != scenario.StateDone {
		t.Errorf("%s: %+v", staleKey, got.Entries[staleKey])
	}
	// Marked translated unchanged, it is confirmed.
	data = export(t, s, tr, "ru")
	data = editUnit(t, data, staleKey, `state="initial" subState="cbmex:stale"`, `state="translated" subState="cbmex:stale"`)
	got, _ = importOK(t, data, s, tr)
	if got.Entries[staleKey].Text != translated(staleKey) || got.State(staleKey, textOf(s, staleKey)) != scenario.StateDone {
		t.Errorf("%s: %+v", staleKey, got.Entries[staleKey])
	}
}

// The scenario changes while the file is with the translator: what was
// translated from the old source comes back stale.
func TestSourceChangedSinceExport(t *testing.T) {
	s := grid(t)
	tr := scenario.NewTranslation(s, "ru")
	data := export(t, s, tr, "ru")
	data = editUnit(t, data, "title", "</source>", "</source><target>Каскад</target>")
	data = []byte(strings.Replace(string(data), `<segment state="initial">`, `<segment state="translated">`, 1))

	changed := grid(t)
	changed.Title += " (revised)"
	got, probs := importOK(t, data, changed, tr)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if st := got.State("title", changed.Title); st != scenario.StateStale {
		t.Errorf("title is %s", st)
	}
	if st := got.State("title", s.Title); st != scenario.StateDone {
		t.Errorf("title is %s against the exported source", st)
	}
}

func xmlEscape(s string) string {
	var b bytes.Buffer
	if err := writeText(&b, s); err != nil {
		panic(err)
	}
	return b.String()
}

func TestTextsSurvive(t *testing.T) {
	s := grid(t)
	texts := map[string]string{
		"title":   `Power & water < "grids" > 'everything' ]]> Энергосистема`,
		"summary": "  Leading spaces,\n\ttabs,\r\nCRLF and a lone\rCR.\n\n\n**Markdown** _kept_:\n\n- one\n  - two\n\n```\ncode <b>&amp;</b>\n```\n   \n",
	}
	s.Title = texts["title"]
	s.Summary = texts["summary"]
	in := &s.Injects[0]
	in.Body = "A control character \x01 and \x1f, a replacement character \uFFFD, an emoji 🛰 and U+FFFD."
	texts["injects."+in.Key+".body"] = in.Body

	tr := scenario.NewTranslation(s, "ru")
	for key, src := range texts {
		tr.Set(key, src, "«"+src+"»\n  ")
	}
	data := export(t, s, tr, "ru")
	if !strings.Contains(string(data), `<cp hex="0001"/>`) {
		t.Errorf("control characters are not written as <cp/>")
	}
	if !strings.Contains(string(data), "&#xD;") {
		t.Errorf("carriage returns are not written as references")
	}
	parseDoc(t, data)

	got, probs := importOK(t, data, s, nil)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	for key, src := range texts {
		if e := got.Entries[key]; e.Text != "«"+src+"»\n  " {
			t.Errorf("%s: got %q, want %q", key, e.Text, "«"+src+"»\n  ")
		}
		if st := got.State(key, src); st != scenario.StateDone {
			t.Errorf("%s is %s", key, st)
		}
	}
	if !reflect.DeepEqual(got.Entries, tr.Entries) {
		t.Errorf("entries differ")
	}
}

// doc builds an XLIFF file for grid-cascade around units.
func doc(units string) []byte {
	return []byte(`<?xml version="1.0" encoding="UTF-8"?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">
  <file id="grid-cascade">
` + units + `
  </file>
</xliff>
`)
}

func TestWholeFileErrors(t *testing.T) {
	s := grid(t)
	fr := scenario.NewTranslation(s, "fr")
	good := string(doc(`<unit id="title"><segment><source>x</source></segment></unit>`))
	root := `<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="ru">`
	withRoot := func(r string) string { return strings.Replace(good, root, r, 1) }
	for _, c := range []struct {
		name      string
		data      string
		base      *scenario.Translation
		line, col int
		want      string
	}{
		{"too big", strings.Repeat(" ", MaxFileSize+1), nil, 0, 0, "may be at most 4194304 bytes (4 MiB)"},
		{"empty", "", nil, 1, 1, "no XML element"},
		{"not XML", "Hello, translator", nil, 1, 1, "starts with text"},
		{"broken XML", strings.Replace(good, "</file>", "</fil>", 1), nil, 5, 9, "not well-formed XML: element <file> closed by </fil>"},
		{"cut short", good[:len(good)-20], nil, 0, 0, "not well-formed XML"},
		{"unknown entity", strings.Replace(good, "<source>x", "<source>&bomb;", 1), nil, 4, 41, "not well-formed XML: invalid character entity &bomb;"},
		{"doctype", strings.Replace(good, "<xliff", `<!DOCTYPE xliff [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;">]>`+"\n<xliff", 1), nil, 2, 1, "<!DOCTYPE> declaration"},
		{"not XLIFF", `<html><body/></html>`, nil, 1, 1, "not an XLIFF file: its document is <html>"},
		{"XLIFF 1.2", `<?xml version="1.0"?>` + "\n" + `<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="x" source-language="en" datatype="plaintext"><body/></file></xliff>`, nil, 2, 1, "XLIFF 1.2 file; cbmex reads XLIFF 2.0"},
		{"no namespace", withRoot(`<xliff version="2.0" srcLang="en" trgLang="ru">`), nil, 2, 1, "not in the XLIFF 2.0 namespace"},
		{"no version", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" srcLang="en" trgLang="ru">`), nil, 2, 1, "has no version"},
		{"version 2.1", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.1" srcLang="en" trgLang="ru">`), nil, 2, 1, "XLIFF 2.1 file; cbmex reads XLIFF 2.0"},
		{"no srcLang", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" trgLang="ru">`), nil, 2, 1, "has no srcLang"},
		{"other srcLang", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="de" trgLang="ru">`), nil, 2, 1, `translates from de (srcLang="de"), but the scenario grid-cascade is written in en`},
		{"no trgLang", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en">`), nil, 2, 1, "has no trgLang"},
		{"trgLang is the source", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="en-GB">`), nil, 2, 1, "is the language the scenario is written in"},
		{"unknown trgLang", withRoot(`<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="pt-BR">`), nil, 2, 1, `the target language "pt-BR" is not one cbmex has; the languages are en, fr, de, it, ru, es`},
		{"trgLang is not the base's", good, fr, 2, 1, "a translation into ru (trgLang=\"ru\"), but it is being imported into the fr translation"},
		{"no file", "<?xml version=\"1.0\"?>\n" + root + "<!-- nothing --></xliff>", nil, 2, 1, "has no <file>"},
		{"two roots", good + "<xliff/>\n", nil, 7, 1, "there is a <xliff> after the end of the <xliff> element"},
		{"text after the root", good + "  and more\n", nil, 7, 3, "there is text after the end of the <xliff> element"},
		{"two files", strings.Replace(good, "</file>", `</file><file id="grid-cascade"/>`, 1), nil, 5, 10, "more than one <file>"},
		{"file without id", strings.Replace(good, `<file id="grid-cascade">`, `<file>`, 1), nil, 3, 3, "the <file> element has no id"},
		{"file of another scenario", strings.Replace(good, `<file id="grid-cascade">`, `<file id="cable-cut">`, 1), nil, 3, 3, `this XLIFF file is for the scenario "cable-cut", not for "grid-cascade"`},
		{"UTF-16 without a byte-order mark", strings.Replace(good, `encoding="UTF-8"`, `encoding="UTF-16"`, 1), nil, 1, 40, "says it is encoded in UTF-16 but does not start with a UTF-16 byte-order mark"},
		{"latin-1", strings.Replace(good, `encoding="UTF-8"`, `encoding="ISO-8859-1"`, 1), nil, 1, 44, "encoded in ISO-8859-1; cbmex reads XLIFF files in UTF-8"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, probs, err := Import([]byte(c.data), s, c.base)
			var xe *Error
			if !errors.As(err, &xe) {
				t.Fatalf("got %v, %v, %v; want an *Error", tr, probs, err)
			}
			if !strings.Contains(xe.Message, c.want) {
				t.Errorf("message %q, want %q", xe.Message, c.want)
			}
			if c.name == "cut short" {
				c.line, c.col = xe.Line, xe.Col // wherever the text stops
			}
			if xe.Line != c.line || xe.Col != c.col {
				t.Errorf("at %d:%d, want %d:%d (%v)", xe.Line, xe.Col, c.line, c.col, err)
			}
			if c.line > 0 && !strings.HasPrefix(err.Error(), fmt.Sprintf("%d:%d: ", c.line, c.col)) {
				t.Errorf("error %q does not start with line:col", err)
			}
		})
	}
}

// A file that defines entities never gets them expanded, even where a
// DOCTYPE is not the first thing the reader sees.
func TestNoEntityExpansion(t *testing.T) {
	s := grid(t)
	data := doc(`<!DOCTYPE x [<!ENTITY a "aaaa">]><unit id="title"><segment state="translated"><source>x</source><target>&a;</target></segment></unit>`)
	_, _, err := Import(data, s, nil)
	if err == nil || !strings.Contains(err.Error(), "DOCTYPE") {
		t.Errorf("got %v", err)
	}
}

func TestUTF16(t *testing.T) {
	s := grid(t)
	tr, _ := partial(s)
	data := export(t, s, tr, "ru")
	text := strings.Replace(string(data), `encoding="UTF-8"`, `encoding="UTF-16"`, 1)
	for _, order := range []binary.ByteOrder{binary.LittleEndian, binary.BigEndian} {
		var b bytes.Buffer
		for _, u := range append([]uint16{0xFEFF}, utf16.Encode([]rune(text))...) {
			_ = binary.Write(&b, order, u)
		}
		got, probs := importOK(t, b.Bytes(), s, tr)
		if len(probs) != 0 || !reflect.DeepEqual(got.Entries, tr.Entries) {
			t.Errorf("%v: %v, %v", order, probs, got.Entries)
		}
	}
	// And a UTF-8 byte-order mark is no problem.
	got, _ := importOK(t, append([]byte{0xEF, 0xBB, 0xBF}, data...), s, tr)
	if !reflect.DeepEqual(got.Entries, tr.Entries) {
		t.Errorf("with a BOM: %v", got.Entries)
	}
}

func TestUnitProblems(t *testing.T) {
	s := grid(t)
	title := s.Title
	inject := s.Texts()[5].Key
	units := strings.Join([]string{
		// line 4
		`    <unit id="titel"><segment state="translated"><source>x</source><target>y</target></segment></unit>`,
		`    <unit id="title"><segment state="translated"><source>` + xmlEscape(title) + `</source><target>Заголовок</target></segment></unit>`,
		`    <unit id="title"><segment state="translated"><source>x</source><target>again</target></segment></unit>`,
		`    <unit><segment><source>x</source><target>y</target></segment></unit>`,
		`    <unit id="summary"><segment state="translated"><source>x</source><target>  </target></segment></unit>`,
		// line 9: an empty target that is not marked translated is no problem
		`    <unit id="` + s.Texts()[2].Key + `"><segment state="initial"><source>x</source><target/></segment></unit>`,
		// line 10: nor is a unit without target
		`    <unit id="` + s.Texts()[3].Key + `"><segment><source>x</source></segment></unit>`,
		`    <unit id="` + s.Texts()[4].Key + `"><segment><source>x</source><target>y</target></segment><segment><source>z</source></segment></unit>`,
		`    <unit id="` + inject + `"><originalData><data id="d1">&lt;b&gt;</data></originalData><segment state="translated"><source>x</source><target>Текст <pc id="1" dataRefStart="d1">жирный <mrk id="m" translate="no">OSCE</mrk></pc><ph id="2"/>.</target></segment></unit>`,
		`    <unit id="` + s.Texts()[6].Key + `"><segment state="translated"><source>x</source><target order="3">y</target></segment></unit>`,
		`    <unit id="` + s.Texts()[7].Key + `"><segment state="translated"><source>x</source><target>` + strings.Repeat("я", scenario.MaxLongTextLen+1) + `</target></segment></unit>`,
		`    <unit id="` + s.Texts()[8].Key + `"></unit>`,
		`    <unit id="injects.nonexistent.body"><segment state="translated"><source>x</source><target>y</target></segment></unit>`,
		`    <unit id="` + s.Texts()[9].Key + `"><segment><source>x</source><target order="1">a</target></segment><segment><source>y</source><target order="1">b</target></segment></unit>`,
		`    <unit id="` + s.Texts()[10].Key + `"><segment><source>x</source><target order="2">a</target></segment><ignorable><source> </source><target order="3"> </target></ignorable><segment><source>y</source><target order="2">b</target></segment></unit>`,
	}, "\n")
	tr, probs := importOK(t, doc(units), s, nil)
	want := []struct {
		line int
		unit string
		msg  string
	}{
		{4, "titel", `the scenario has no text "titel"; the unit is skipped; did you mean "title"?`},
		{6, "title", `the unit "title" appears twice (first at 5:5); this one is skipped`},
		{7, "", "a <unit> has no id"},
		{8, "summary", "marked translated, but its target is empty"},
		{11, s.Texts()[4].Key, "only partly translated: segment 2 of 2 has no <target>"},
		{12, inject, "inline markup (<pc>, <mrk>, <ph>) that cbmex cannot store; its text was imported without the markup"},
		{13, s.Texts()[6].Key, `order="3"; it should be a number from 1 to 1`},
		{14, s.Texts()[7].Key, "too long: 20001 characters, at most 20000"},
		{15, s.Texts()[8].Key, "has no <segment>"},
		{16, "injects.nonexistent.body", `the scenario has no text "injects.nonexistent.body"; the unit is skipped`},
		{17, s.Texts()[9].Key, "two targets of the unit " + fmt.Sprintf("%q", s.Texts()[9].Key) + " take place 1"},
		{18, s.Texts()[10].Key, "take place 2"},
	}
	if len(probs) != len(want) {
		t.Fatalf("%d problems, want %d:\n%v", len(probs), len(want), probs)
	}
	for i, w := range want {
		p := probs[i]
		if p.Line != w.line || p.Col != 5 || p.Unit != w.unit || !strings.Contains(p.Message, w.msg) {
			t.Errorf("problem %d: %d:%d %q %q, want %d:5 %q …%s…", i, p.Line, p.Col, p.Unit, p.Message, w.line, w.unit, w.msg)
		}
	}
	if strings.Contains(probs[9].Message, "did you mean") {
		t.Errorf("a far-off key gets a suggestion: %s", probs[9].Message)
	}
	if got := probs[0].String(); got != `4:5: the scenario has no text "titel"; the unit is skipped; did you mean "title"?` {
		t.Errorf("String: %s", got)
	}
	wantEntries := map[string]string{"title": "Заголовок", inject: "Текст жирный OSCE."}
	if len(tr.Entries) != len(wantEntries) {
		t.Errorf("entries: %v", tr.Entries)
	}
	for k, v := range wantEntries {
		if tr.Entries[k].Text != v {
			t.Errorf("%s: %q, want %q", k, tr.Entries[k].Text, v)
		}
	}
	if st := tr.State("title", title); st != scenario.StateDone {
		t.Errorf("title is %s", st)
	}
}

// Problems are counted in characters: a unit after Cyrillic text on the
// same line is found where an editor shows it.
func TestProblemColumnInCharacters(t *testing.T) {
	s := grid(t)
	_, probs := importOK(t, doc(`<!-- перевод --><unit id="nope"><segment><source>x</source><target>y</target></segment></unit>`), s, nil)
	if len(probs) != 1 || probs[0].Line != 4 || probs[0].Col != 17 {
		t.Errorf("problems: %v", probs)
	}
}

func TestSegmentsJoined(t *testing.T) {
	s := grid(t)
	s.Summary = "First sentence. Second sentence.\n\nThird one."
	s.Title = "One. Two."
	units := `<unit id="summary">
  <segment id="s1" state="translated"><source>First sentence.</source><target>Первое предложение.</target></segment>
  <ignorable><source xml:space="preserve"> </source></ignorable>
  <segment id="s2" state="reviewed"><source>Second sentence.</source><target>Второе предложение.</target></segment>
  <ignorable><source xml:space="preserve">

</source><target xml:space="preserve">
</target></ignorable>
  <segment id="s3" state="final"><source>Third one.</source><target>Третье.</target></segment>
</unit>
<unit id="title">
  <segment state="translated"><source>One.</source><target order="3">Раз.</target></segment>
  <ignorable><source> </source></ignorable>
  <segment state="translated"><source>Two.</source><target order="1">Два.</target></segment>
</unit>`
	tr, probs := importOK(t, doc(units), s, nil)
	if len(probs) != 0 {
		t.Errorf("problems: %v", probs)
	}
	if got, want := tr.Entries["summary"].Text, "Первое предложение. Второе предложение.\nТретье."; got != want {
		t.Errorf("summary: %q, want %q", got, want)
	}
	if got, want := tr.Entries["title"].Text, "Два. Раз."; got != want {
		t.Errorf("title: %q, want %q", got, want)
	}
	for _, key := range []string{"summary", "title"} {
		if st := tr.State(key, textOf(s, key)); st != scenario.StateDone {
			t.Errorf("%s is %s: the joined sources should be the source text", key, st)
		}
	}
}

// Group elements, extension elements and notes around the units do not
// get in the way.
func TestGroupsAndExtensions(t *testing.T) {
	s := grid(t)
	data := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<?cat-tool hello?>
<xliff xmlns="urn:oasis:names:tc:xliff:document:2.0" xmlns:mda="urn:oasis:names:tc:xliff:metadata:2.0" version="2.0" srcLang="en-US" trgLang="ru-RU">
  <file id="grid-cascade" original="grid-cascade.yaml">
    <mda:metadata><mda:metaGroup><mda:meta type="tool">x</mda:meta></mda:metaGroup></mda:metadata>
    <notes><note>project note</note></notes>
    <group id="g1"><group id="g2">
      <unit id="title" name="t"><mda:metadata/><notes><note>n</note></notes>
        <segment state="translated"><source>` + xmlEscape(s.Title) + `</source><target xml:lang="ru-RU">Каскад</target></segment>
      </unit>
    </group></group>
  </file>
</xliff>`)
	tr, probs := importOK(t, data, s, nil)
	if len(probs) != 0 || tr.Entries["title"].Text != "Каскад" || tr.Language != "ru" {
		t.Errorf("%v %v %s", probs, tr.Entries, tr.Language)
	}
}

// Obsolete entries of the base (texts the scenario no longer has) are kept,
// so the file cbmex writes loses nothing a translator did.
func TestBaseKept(t *testing.T) {
	s := grid(t)
	base := scenario.NewTranslation(s, "ru")
	base.Set("injects.gone.body", "old", "старое")
	for _, tx := range s.Texts() {
		base.Set(tx.Key, tx.Value, translated(tx.Key))
	}
	got, _ := importOK(t, doc(""), s, base)
	if !reflect.DeepEqual(got.Entries, base.Entries) {
		t.Errorf("entries: %v", got.Entries)
	}
	if !strings.Contains(string(got.Marshal(s)), "injects.gone.body") {
		t.Errorf("the obsolete entry is lost")
	}
	if probs := got.Check(s); len(probs) != 1 || !strings.Contains(probs[0].Message, `no text "injects.gone.body"`) {
		t.Errorf("Check: %v", probs)
	}
}

// A file with a mistake in every unit gives a capped list of problems.
func TestProblemsCapped(t *testing.T) {
	s := grid(t)
	unit := `<unit id="injects.sitrep-trip.bodx"><segment><source>x</source><target>y</target></segment></unit>` + "\n"
	_, probs := importOK(t, doc(strings.Repeat(unit, 1000)), s, nil)
	if len(probs) != scenario.MaxProblems+1 || !strings.Contains(probs[scenario.MaxProblems].Message, "… and 900 more problems") {
		t.Errorf("%d problems, the last %v", len(probs), probs[len(probs)-1])
	}
	if !strings.Contains(probs[0].Message, `did you mean "injects.sitrep-trip.body"?`) {
		t.Errorf("first: %v", probs[0])
	}
}

// Whatever the file, Import answers with a translation or an error, and
// never panics.
func FuzzImport(f *testing.F) {
	s, probs := scenario.Parse("grid-cascade.yaml", mustRead(f, "grid-cascade.yaml"), nil)
	if probs != nil {
		f.Fatal(probs)
	}
	tr, _ := partial(s)
	data, err := Export(s, tr, "ru")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(data)
	f.Add(doc(`<unit id="title"><segment><source>a</source><target>b<pc id="1"><cp hex="1"/></pc></target></segment><ignorable><source> </source></ignorable></unit>`))
	f.Add([]byte{0xFF, 0xFE, '<', 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		got, _, err := Import(data, s, tr)
		if (got == nil) == (err == nil) {
			t.Fatalf("got %v and %v", got, err)
		}
	})
}

func mustRead(f *testing.F, name string) []byte {
	data, err := fs.ReadFile(scenarios.FS, name)
	if err != nil {
		f.Fatal(err)
	}
	return data
}
