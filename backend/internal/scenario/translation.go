package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// Translation is one language of a scenario, kept in its own file beside
// the source (grid-cascade.ru.yaml beside grid-cascade.yaml) so that a
// translator never edits the source. Each text is keyed by its stable key
// (see Text) and keeps the fingerprint of the source text it translates:
//
//	scenario: grid-cascade
//	language: ru
//	texts:
//	  injects.power-cut.title:
//	    source: 3f2a9c1b
//	    text: Отключение электроэнергии в столице
type Translation struct {
	Scenario string
	Language string
	Entries  map[string]Entry

	file      string
	order     []string // keys in file order
	textsNode *yaml.Node
}

// Entry is one translated text.
type Entry struct {
	Text string
	// Source is the Fingerprint of the source text that was translated.
	Source    string
	line, col int
}

// TextState is how far a text of a scenario is translated.
type TextState string

const (
	// StateDone: translated from the current source text.
	StateDone TextState = "done"
	// StateMissing: no translation.
	StateMissing TextState = "missing"
	// StateStale: translated from a source text that has changed since.
	StateStale TextState = "stale"
)

// Languages are the six official OSCE languages: the interface speaks
// them, and scenarios are written and translated in them.
var Languages = []string{"en", "fr", "de", "it", "ru", "es"}

var (
	fingerprintRe = regexp.MustCompile(`^[0-9a-f]{8}$`)
	// translationNameRe matches grid-cascade.ru.yaml.
	translationNameRe = regexp.MustCompile(`^(.+)\.([a-z]{2,3})\.ya?ml$`)
)

// TranslationFileName splits "grid-cascade.ru.yaml" into its scenario id
// and language; ok is false for a file that is not named as a translation.
func TranslationFileName(name string) (id, lang string, ok bool) {
	m := translationNameRe.FindStringSubmatch(filepath.Base(name))
	if m == nil || !slices.Contains(Languages, m[2]) {
		return "", "", false
	}
	return m[1], m[2], true
}

// ParseTranslation decodes a translation file. The problems it returns are
// those that make the file unusable (syntax, structure, a wrong language);
// how it fits a scenario — unknown keys, missing and stale texts — is
// Check's business, because a half-done translation is still worth keeping.
func ParseTranslation(filename string, data []byte) (*Translation, Problems) {
	d := &decoder{file: filename, probs: problems()}
	tr := &Translation{Entries: map[string]Entry{}, file: filename}
	if len(data) > MaxFileSize {
		d.errorf(nil, "the file is %d bytes long; translation files may be at most %d bytes (1 MiB)", len(data), MaxFileSize)
		return nil, d.probs.List()
	}
	root := translationDocument(d, data)
	if root == nil {
		return nil, d.probs.List()
	}
	d.object(root, "the translation", []field{
		{"scenario", true, func(v *yaml.Node, l string) { tr.Scenario = d.key(v, l) }},
		{"language", true, func(v *yaml.Node, l string) {
			tr.Language = d.enum(v, l, Languages)
		}},
		{"texts", true, func(v *yaml.Node, l string) { tr.textsNode = v; tr.entries(d, v, l) }},
	})
	if d.probs.Len() > 0 {
		return nil, d.probs.List()
	}
	return tr, nil
}

func translationDocument(d *decoder, data []byte) *yaml.Node {
	var doc yaml.Node
	err := decodeSafely(yaml.NewDecoder(bytes.NewReader(data)), &doc)
	if errors.Is(err, io.EOF) || (err == nil && len(doc.Content) == 0) {
		d.errorf(nil, "the file is empty; a translation starts with scenario:, language: and texts:")
		return nil
	}
	if err != nil {
		p := &parser{decoder: *d}
		p.syntaxError(err)
		return nil
	}
	p := &parser{decoder: *d}
	if p.refuseAliases(&doc) {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "a translation file must be a set of fields (scenario:, language:, texts:), not %s", describe(root))
		return nil
	}
	return root
}

// entries decodes texts: a mapping from text keys to {source, text}.
func (tr *Translation) entries(d *decoder, v *yaml.Node, label string) {
	if isNull(v) {
		return
	}
	if v.Kind != yaml.MappingNode {
		d.errorf(v, "%s should map text keys to {source: …, text: …}, not %s", label, describe(v))
		return
	}
	for i := 0; i+1 < len(v.Content); i += 2 {
		k, val := v.Content[i], v.Content[i+1]
		if k.Kind != yaml.ScalarNode || k.Value == "" {
			d.errorf(k, "text keys in %s must be plain words such as injects.power-cut.body, not %s", label, describe(k))
			continue
		}
		if _, dup := tr.Entries[k.Value]; dup {
			d.errorf(k, "%s has %q twice; keep one", label, k.Value)
			continue
		}
		e := Entry{line: k.Line, col: k.Column}
		owner := fmt.Sprintf("the text %q", k.Value)
		d.object(val, owner, []field{
			{"source", true, func(v *yaml.Node, l string) {
				if s, ok := d.scalar(v, l); ok {
					if !fingerprintRe.MatchString(s) {
						d.errorf(v, "%s is %q; it is the fingerprint of the source text: 8 hexadecimal digits, as cbmex writes it", l, s)
					}
					e.Source = s
				}
			}},
			{"text", true, func(v *yaml.Node, l string) {
				if isNull(v) || v.Kind == yaml.ScalarNode && strings.TrimSpace(v.Value) == "" {
					return // not translated yet
				}
				if s, ok := d.scalar(v, l); ok {
					if n := utf8.RuneCountInString(s); n > MaxLongTextLen {
						d.errorf(v, "%s is too long: %d characters, at most %d", l, n, MaxLongTextLen)
					}
					e.Text = s
				}
			}},
		})
		tr.Entries[k.Value] = e
		tr.order = append(tr.order, k.Value)
	}
}

// State tells how far the text with the key is translated, given its
// current source text.
func (tr *Translation) State(key, source string) TextState {
	e, ok := tr.Entries[key]
	switch {
	case !ok || strings.TrimSpace(e.Text) == "":
		return StateMissing
	case e.Source != Fingerprint(source):
		return StateStale
	}
	return StateDone
}

// Check reports how the translation fits the scenario: texts it translates
// that the scenario does not have, texts of the scenario it lacks, and
// texts whose source changed since they were translated. The scenario's
// own language cannot be a translation.
func (tr *Translation) Check(s *Scenario) Problems {
	d := &decoder{file: tr.file, probs: problems()}
	at := func(key string) *yaml.Node {
		if e, ok := tr.Entries[key]; ok && e.line > 0 {
			return &yaml.Node{Line: e.line, Column: e.col}
		}
		return tr.textsNode
	}
	if tr.Scenario != s.ID {
		d.errorf(nil, "this translation is of the scenario %q, not of %q", tr.Scenario, s.ID)
		return d.probs.List()
	}
	if tr.Language == s.SourceLanguage() {
		d.errorf(nil, "the scenario is written in %s; a translation must be into another language", tr.Language)
	}
	texts := s.Texts()
	known := make(map[string]bool, len(texts))
	var keys []string
	missing := 0
	for _, t := range texts {
		known[t.Key] = true
		keys = append(keys, t.Key)
		switch tr.State(t.Key, t.Value) {
		case StateMissing:
			// A translation just begun lacks most texts: name the first
			// few, count the rest, and leave room for the other problems.
			if missing++; missing <= maxMissingListed {
				d.errorf(tr.textsNode, "%s has no %s text (source: %q); translate it", t.Key, tr.Language, excerpt(t.Value))
			}
		case StateStale:
			e := tr.Entries[t.Key]
			d.errorf(at(t.Key), "%s is stale: the source text changed since it was translated (translated from %s, the source is now %s: %q); check the translation and set source: %s",
				t.Key, e.Source, Fingerprint(t.Value), excerpt(t.Value), Fingerprint(t.Value))
		}
	}
	if missing > maxMissingListed {
		d.errorf(tr.textsNode, "… and %d more texts have no %s translation yet", missing-maxMissingListed, tr.Language)
	}
	for _, k := range tr.order {
		if !known[k] {
			d.errorf(at(k), "the scenario has no text %q; remove it%s", k, didYouMean(k, keys))
		}
	}
	return d.probs.List()
}

// maxMissingListed is how many missing texts Check names one by one.
const maxMissingListed = 20

// excerpt shortens a text for a message.
func excerpt(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= 60 {
		return s
	}
	r := []rune(s)
	return string(r[:57]) + "…"
}

// Fallbacks are the keys of the texts shown in the source language because
// their translation is missing or stale.
type Fallbacks map[string]bool

// Under lists the fields of one element that fell back: Under("injects.x")
// gives ["body"] when only the body of inject x is in the source language.
func (f Fallbacks) Under(prefix string) []string {
	var out []string
	prefix += "."
	for k := range f {
		if rest, ok := strings.CutPrefix(k, prefix); ok {
			out = append(out, rest)
		}
	}
	slices.Sort(out)
	return out
}

// Localize returns a copy of s with every text translated by tr and
// current; the others stay in the source language and are listed in the
// fallbacks. A nil tr gives s itself and no fallbacks.
func Localize(s *Scenario, tr *Translation) (*Scenario, Fallbacks) {
	if tr == nil {
		return s, nil
	}
	c := s.clone()
	fb := Fallbacks{}
	for _, r := range c.refs() {
		if tr.State(r.key, *r.p) == StateDone {
			*r.p = tr.Entries[r.key].Text
		} else {
			fb[r.key] = true
		}
	}
	return c, fb
}

// Set records a translated text of the source text source ("" text
// removes it).
func (tr *Translation) Set(key, source, text string) {
	if _, ok := tr.Entries[key]; !ok {
		tr.order = append(tr.order, key)
	}
	if text == "" {
		delete(tr.Entries, key)
		tr.order = slices.DeleteFunc(tr.order, func(k string) bool { return k == key })
		return
	}
	tr.Entries[key] = Entry{Text: text, Source: Fingerprint(source)}
}

// SetEntry records an entry as it is, with the fingerprint it carries.
func (tr *Translation) SetEntry(key string, e Entry) {
	if _, ok := tr.Entries[key]; !ok {
		tr.order = append(tr.order, key)
	}
	tr.Entries[key] = Entry{Text: e.Text, Source: e.Source}
}

// Clone copies the translation, so that a change to the copy (an import)
// leaves the stored one as it was.
func (tr *Translation) Clone() *Translation {
	c := *tr
	c.Entries = make(map[string]Entry, len(tr.Entries))
	for k, e := range tr.Entries {
		c.Entries[k] = e
	}
	c.order = slices.Clone(tr.order)
	return &c
}

// NewTranslation starts an empty translation of s into lang.
func NewTranslation(s *Scenario, lang string) *Translation {
	return &Translation{Scenario: s.ID, Language: lang, Entries: map[string]Entry{},
		file: s.ID + "." + lang + ".yaml"}
}

// Marshal writes the translation as a file, its texts in the order of the
// scenario (texts the scenario no longer has come last, so nothing a
// translator wrote is lost).
func (tr *Translation) Marshal(s *Scenario) []byte {
	texts := &yaml.Node{Kind: yaml.MappingNode}
	written := map[string]bool{}
	put := func(key string) {
		e, ok := tr.Entries[key]
		if !ok || e.Text == "" || written[key] {
			return
		}
		written[key] = true
		texts.Content = append(texts.Content, scalarNode(key), &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
			scalarNode("source"), scalarNode(e.Source), scalarNode("text"), textNode(e.Text),
		}})
	}
	for _, t := range s.Texts() {
		put(t.Key)
	}
	for _, k := range tr.order {
		put(k)
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{
		scalarNode("scenario"), scalarNode(tr.Scenario),
		scalarNode("language"), scalarNode(tr.Language),
		scalarNode("texts"), texts,
	}}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s translation of the scenario %s.\n", tr.Language, tr.Scenario)
	b.WriteString("# Each text keeps the fingerprint (source:) of the source text it translates;\n")
	b.WriteString("# when the source changes, `cbmex scenario validate` reports the text as stale.\n")
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	_ = enc.Encode(root) // encoding a tree of plain scalars cannot fail
	_ = enc.Close()
	return b.Bytes()
}

func scalarNode(v string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: v}
}

// textNode writes multi-line texts as literal blocks, as authors write them.
func textNode(v string) *yaml.Node {
	n := scalarNode(v)
	if strings.Contains(v, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

// TextRow is one text of a scenario beside its translation, as a
// translator works through them.
type TextRow struct {
	Text
	Target string // the translation; a stale one is the old translation
	State  TextState
}

// Rows lists every text of s, in reading order, with its translation.
func (tr *Translation) Rows(s *Scenario) []TextRow {
	texts := s.Texts()
	out := make([]TextRow, len(texts))
	for i, t := range texts {
		out[i] = TextRow{Text: t, Target: tr.Entries[t.Key].Text, State: tr.State(t.Key, t.Value)}
	}
	return out
}

// Progress counts a translation's texts by state.
type Progress struct {
	Total, Done, Missing, Stale int
}

// Progress tells how far tr translates s.
func (tr *Translation) Progress(s *Scenario) Progress {
	var p Progress
	for _, r := range tr.Rows(s) {
		p.Total++
		switch r.State {
		case StateDone:
			p.Done++
		case StateMissing:
			p.Missing++
		case StateStale:
			p.Stale++
		}
	}
	return p
}
