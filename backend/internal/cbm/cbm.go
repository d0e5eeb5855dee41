// Package cbm holds the catalogues of confidence-building measures (and
// neighbouring norm sets) that scenarios, messages and scores refer to.
//
// The catalogues are data files embedded from the catalogues/ folder, not Go
// literals, so that adding a catalogue is a matter of dropping one YAML file in
// that folder and rebuilding.
//
// Each catalogue is written in English. Translations into the other official
// OSCE languages sit next to it as <id>.<lang>.yaml (osce-ict-cbms.ru.yaml)
// and carry only the texts: titles, summaries and guidance. Decision numbers
// and dates are never translated. Catalogue.In returns the catalogue in one
// language, with English wherever a translation lacks a text.
package cbm

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// DefaultID is the catalogue scenarios use when they name none.
const DefaultID = "osce-ict-cbms"

// BaseLanguage is the language the catalogue files themselves are written in.
const BaseLanguage = "en"

// officialLanguages are the six official OSCE languages, in the order in which
// listings show them (English names in alphabetical order).
var officialLanguages = []string{"en", "fr", "de", "it", "ru", "es"}

// OfficialLanguages lists the codes of the six official OSCE languages: en,
// fr, de, it, ru, es. Translation files may use any of them except en.
func OfficialLanguages() []string { return append([]string(nil), officialLanguages...) }

//go:embed catalogues
var embedded embed.FS

// Item is one measure or norm of a catalogue.
type Item struct {
	// Key identifies the item within its catalogue: "8" for OSCE CBM 8, "a"
	// for UN GGE norm (a). Always a string so lettered catalogues work.
	Key      string `yaml:"key" json:"key"`
	Title    string `yaml:"title" json:"title"`
	Summary  string `yaml:"summary" json:"summary"`
	Decision string `yaml:"decision" json:"decision"`
	// Adopted is the date of the decision, YYYY-MM-DD.
	Adopted string `yaml:"adopted" json:"adopted"`
	// Guidance tells a facilitator what good use looks like in an exercise.
	Guidance string `yaml:"guidance" json:"guidance"`
}

// Citation is the short reference to put next to a paraphrase, e.g.
// "PC.DEC/1106, CBM 8".
func (it *Item) Citation(c *Catalogue) string {
	label := "item"
	if c != nil && c.ID == DefaultID {
		label = "CBM"
	}
	return fmt.Sprintf("%s, %s %s", it.Decision, label, it.Key)
}

// Catalogue is one set of measures, e.g. the sixteen OSCE CBMs.
//
// The catalogue returned by Set.Catalogue is in English; In returns it in
// another language. All of them are read-only once loaded.
type Catalogue struct {
	ID string `yaml:"id" json:"id"`
	// Language is the language of the texts: "en" for the catalogue as
	// loaded, the language asked for on a copy returned by In.
	Language string `yaml:"-" json:"language"`
	Title    string `yaml:"title" json:"title"`
	Source   string `yaml:"source" json:"source"`
	Items    []Item `yaml:"items" json:"items"`

	byKey map[string]*Item
	// langs is shared by the English catalogue and all its translated copies.
	langs *languageVersions
}

// languageVersions holds every language version of one catalogue, built once
// at load.
type languageVersions struct {
	byLang map[string]*Catalogue // "en" is the English catalogue itself
	list   []string              // officialLanguages order, "en" first
}

// In returns the catalogue in the given language ("ru", "fr"; "ru-RU" and
// "RU" work too): the same items, keys, decisions and dates, with the texts
// of the translation and the English text wherever the translation lacks
// one. For "en", or a language without a translation, it returns the English
// catalogue (the same pointer as Set.Catalogue). The copies are built at load
// and shared: do not modify them.
func (c *Catalogue) In(lang string) *Catalogue {
	if c == nil || c.langs == nil {
		return c
	}
	if t, ok := c.langs.byLang[normalizeLanguage(lang)]; ok {
		return t
	}
	return c.langs.byLang[BaseLanguage]
}

// Languages lists the languages the catalogue is available in, English
// first, then the translations in the order en, fr, de, it, ru, es.
func (c *Catalogue) Languages() []string {
	if c == nil || c.langs == nil {
		return []string{BaseLanguage}
	}
	return append([]string(nil), c.langs.list...)
}

// normalizeLanguage reduces a language tag to its lower-case primary subtag:
// "ru-RU", "ru_RU" and "RU" all become "ru".
func normalizeLanguage(lang string) string {
	lang = strings.ToLower(strings.TrimSpace(lang))
	if i := strings.IndexAny(lang, "-_"); i >= 0 {
		lang = lang[:i]
	}
	return lang
}

// Item returns the item with the given key ("8", "a").
func (c *Catalogue) Item(key string) (*Item, bool) {
	it, ok := c.byKey[strings.TrimSpace(key)]
	return it, ok
}

// Keys lists the item keys in catalogue order.
func (c *Catalogue) Keys() []string {
	keys := make([]string, len(c.Items))
	for i := range c.Items {
		keys[i] = c.Items[i].Key
	}
	return keys
}

// Set is every catalogue known to the binary.
type Set struct {
	byID map[string]*Catalogue
	ids  []string
}

// Catalogue returns the catalogue with the given id.
func (s *Set) Catalogue(id string) (*Catalogue, bool) {
	c, ok := s.byID[id]
	return c, ok
}

// Default returns the OSCE ICT CBM catalogue. Load guarantees it exists.
func (s *Set) Default() *Catalogue { return s.byID[DefaultID] }

// IDs lists the catalogue ids, sorted.
func (s *Set) IDs() []string { return append([]string(nil), s.ids...) }

// Load parses and validates the catalogues embedded in the binary.
func Load() (*Set, error) {
	sub, err := fs.Sub(embedded, "catalogues")
	if err != nil {
		return nil, err
	}
	return LoadFS(sub)
}

// LoadFS parses and validates the catalogue files at the root of fsys: every
// <id>.yaml is a catalogue and every <id>.<lang>.yaml a translation of one. It
// exists so tests (and, later, an operator-supplied folder) can load other
// catalogues.
func LoadFS(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	set := &Set{byID: map[string]*Catalogue{}}
	var errs []error
	var translations []string
	failed := map[string]bool{} // file-name ids of catalogue files that did not load
	for _, name := range names {
		if _, _, isTranslation := splitFileName(name); isTranslation {
			translations = append(translations, name)
			continue
		}
		c, err := loadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			failed[strings.TrimSuffix(path.Base(name), ".yaml")] = true
			continue
		}
		if _, dup := set.byID[c.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: catalogue id %q is used by another catalogue file", name, c.ID))
			continue
		}
		c.Language = BaseLanguage
		c.langs = &languageVersions{byLang: map[string]*Catalogue{BaseLanguage: c}}
		set.byID[c.ID] = c
		set.ids = append(set.ids, c.ID)
	}
	for _, name := range translations {
		t, err := loadTranslation(fsys, name)
		if t == nil { // could not be read or decoded
			errs = append(errs, err)
			continue
		}
		base, ok := set.byID[t.ID]
		if !ok {
			if err != nil {
				errs = append(errs, err)
			}
			if !failed[t.ID] { // that catalogue's own errors are reported already
				errs = append(errs, fmt.Errorf("%s: translation of an unknown catalogue %q (catalogues: %s)", path.Base(name), t.ID, strings.Join(sortedIDs(set), ", ")))
			}
			continue
		}
		if keyErr := inFile(name, base.unknownKeys(t)); err != nil || keyErr != nil {
			errs = append(errs, err, keyErr) // errors.Join skips the nil one
			continue
		}
		base.langs.byLang[t.Language] = base.translate(t)
	}
	if _, ok := set.byID[DefaultID]; !ok && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("the default catalogue %q is missing", DefaultID))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Strings(set.ids)
	for _, c := range set.byID {
		for _, lang := range officialLanguages {
			if _, ok := c.langs.byLang[lang]; ok {
				c.langs.list = append(c.langs.list, lang)
			}
		}
	}
	return set, nil
}

func sortedIDs(set *Set) []string {
	ids := append([]string(nil), set.ids...)
	sort.Strings(ids)
	return ids
}

// splitFileName tells a catalogue file (osce-ict-cbms.yaml) from a
// translation file (osce-ict-cbms.ru.yaml) by the dot before the language.
func splitFileName(name string) (id, lang string, isTranslation bool) {
	stem := strings.TrimSuffix(path.Base(name), ".yaml")
	if i := strings.LastIndexByte(stem, '.'); i >= 0 {
		return stem[:i], stem[i+1:], true
	}
	return stem, "", false
}

func loadFile(fsys fs.FS, name string) (*Catalogue, error) {
	var c Catalogue
	if err := decodeFile(fsys, name, &c); err != nil {
		return nil, err
	}
	if err := c.validate(); err != nil {
		return nil, inFile(name, unjoin(err))
	}
	return &c, nil
}

// decodeFile decodes one YAML file strictly: a typo in a field name must not
// silently drop the field.
func decodeFile(fsys fs.FS, name string, out any) error {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(out); err != nil {
		if errors.Is(err, io.EOF) {
			return fmt.Errorf("%s: the file is empty", path.Base(name))
		}
		return fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return nil
}

// translationFile is one <id>.<lang>.yaml file. A text that is absent falls
// back to English; a text that is present must not be blank.
type translationFile struct {
	ID       string                     `yaml:"id"`
	Language string                     `yaml:"language"`
	Title    *string                    `yaml:"title"`
	Source   *string                    `yaml:"source"`
	Items    map[string]translatedTexts `yaml:"items"`
}

// translatedTexts are the translatable texts of one item. Key, decision and
// adopted are not translated and are not accepted here.
type translatedTexts struct {
	Title    *string `yaml:"title"`
	Summary  *string `yaml:"summary"`
	Guidance *string `yaml:"guidance"`
}

// loadTranslation reads one translation file. It returns the decoded file
// even when it has errors, so that they can be reported with those only the
// catalogue can find; it returns nil when the file cannot be decoded.
func loadTranslation(fsys fs.FS, name string) (*translationFile, error) {
	var t translationFile
	if err := decodeFile(fsys, name, &t); err != nil {
		return nil, err
	}
	return &t, inFile(name, t.validate(name))
}

// inFile prefixes each error with the file name, one error a line; nil when
// errs holds none.
func inFile(name string, errs []error) error {
	out := make([]error, 0, len(errs))
	for _, err := range errs {
		if err != nil {
			out = append(out, fmt.Errorf("%s: %w", path.Base(name), err))
		}
	}
	return errors.Join(out...)
}

// unjoin splits an errors.Join error back into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// validate checks what can be checked without the catalogue: the file name,
// the language code and blank texts.
func (t *translationFile) validate(name string) []error {
	fileID, fileLang, _ := splitFileName(name)
	var errs []error
	if !idPattern.MatchString(fileID) {
		errs = append(errs, fmt.Errorf("file name must be <catalogue id>.<language>.yaml, e.g. %s.ru.yaml", DefaultID))
	}
	if t.ID != fileID {
		errs = append(errs, fmt.Errorf("id %q does not match the file name, which says %q", t.ID, fileID))
	}
	others := strings.Join(officialLanguages[1:], ", ")
	switch {
	case t.Language == BaseLanguage:
		errs = append(errs, fmt.Errorf("language %q: the catalogue file itself is the English version; translations are %s", t.Language, others))
	case !slices.Contains(officialLanguages, t.Language):
		errs = append(errs, fmt.Errorf("language %q is not an OSCE language code; use one of %s", t.Language, others))
	}
	if t.Language != fileLang {
		errs = append(errs, fmt.Errorf("language %q does not match the file name, which says %q", t.Language, fileLang))
	}
	if t.Title == nil || strings.TrimSpace(*t.Title) == "" {
		errs = append(errs, errors.New("the catalogue title is empty"))
	}
	if t.Source != nil && strings.TrimSpace(*t.Source) == "" {
		errs = append(errs, errors.New("the catalogue source is empty; leave it out to use the English one"))
	}
	keys := make([]string, 0, len(t.Items))
	for k := range t.Items {
		keys = append(keys, k)
	}
	SortKeys(keys)
	for _, k := range keys {
		tr := t.Items[k]
		if tr.Title == nil && tr.Summary == nil && tr.Guidance == nil {
			errs = append(errs, fmt.Errorf("item %q has no text", k))
			continue
		}
		for _, f := range []struct {
			name string
			v    *string
		}{{"title", tr.Title}, {"summary", tr.Summary}, {"guidance", tr.Guidance}} {
			if f.v != nil && strings.TrimSpace(*f.v) == "" {
				errs = append(errs, fmt.Errorf("item %q: the %s is empty; leave it out to use the English one", k, f.name))
			}
		}
	}
	return errs
}

// unknownKeys reports the item keys of t that c does not have.
func (c *Catalogue) unknownKeys(t *translationFile) []error {
	var keys []string
	for k := range t.Items {
		if _, ok := c.byKey[k]; !ok {
			keys = append(keys, k)
		}
	}
	SortKeys(keys)
	errs := make([]error, len(keys))
	for i, k := range keys {
		errs[i] = fmt.Errorf("item %q is not in the catalogue %q, whose items are %s", k, c.ID, strings.Join(c.Keys(), ", "))
	}
	return errs
}

// translate builds the copy of c in the language of t, which has passed
// validation: the texts t lacks are taken from c.
func (c *Catalogue) translate(t *translationFile) *Catalogue {
	out := &Catalogue{
		ID:       c.ID,
		Language: t.Language,
		Title:    textOr(t.Title, c.Title),
		Source:   textOr(t.Source, c.Source),
		Items:    make([]Item, len(c.Items)),
		langs:    c.langs,
	}
	for i, it := range c.Items {
		tr := t.Items[it.Key]
		it.Title = textOr(tr.Title, it.Title)
		it.Summary = textOr(tr.Summary, it.Summary)
		it.Guidance = textOr(tr.Guidance, it.Guidance)
		out.Items[i] = it
	}
	out.index()
	return out
}

func textOr(s *string, fallback string) string {
	if s == nil {
		return fallback
	}
	return strings.TrimSpace(*s)
}

// index builds the lookup by key. Keys are unique once validate has passed.
func (c *Catalogue) index() {
	c.byKey = make(map[string]*Item, len(c.Items))
	for i := range c.Items {
		c.byKey[c.Items[i].Key] = &c.Items[i]
	}
}

var (
	idPattern  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	keyPattern = regexp.MustCompile(`^[a-z0-9]+$`)
)

// validate checks the catalogue and builds its index.
func (c *Catalogue) validate() error {
	var errs []error
	if !idPattern.MatchString(c.ID) {
		errs = append(errs, fmt.Errorf("catalogue id %q must be lower-case letters, digits and hyphens", c.ID))
	}
	if c.Title == "" || c.Source == "" {
		errs = append(errs, errors.New("catalogue needs a title and a source"))
	}
	if len(c.Items) == 0 {
		errs = append(errs, errors.New("catalogue has no items"))
	}
	c.byKey = make(map[string]*Item, len(c.Items))
	for i := range c.Items {
		it := &c.Items[i]
		if err := it.validate(); err != nil {
			errs = append(errs, fmt.Errorf("item %d: %w", i+1, err))
			continue
		}
		if _, dup := c.byKey[it.Key]; dup {
			errs = append(errs, fmt.Errorf("item key %q appears twice", it.Key))
			continue
		}
		c.byKey[it.Key] = it
	}
	return errors.Join(errs...)
}

func (it *Item) validate() error {
	if !keyPattern.MatchString(it.Key) {
		return fmt.Errorf("key %q must be lower-case letters or digits", it.Key)
	}
	for name, v := range map[string]string{"title": it.Title, "summary": it.Summary, "decision": it.Decision, "guidance": it.Guidance} {
		if strings.TrimSpace(v) == "" {
			return fmt.Errorf("item %q has no %s", it.Key, name)
		}
	}
	if _, err := time.Parse(time.DateOnly, it.Adopted); err != nil {
		return fmt.Errorf("item %q: adopted %q is not a YYYY-MM-DD date", it.Key, it.Adopted)
	}
	return nil
}

// SortKeys orders item keys the way people read them: numbers numerically
// (2 before 10), then anything else alphabetically.
func SortKeys(keys []string) {
	sort.SliceStable(keys, func(i, j int) bool {
		a, errA := strconv.Atoi(keys[i])
		b, errB := strconv.Atoi(keys[j])
		switch {
		case errA == nil && errB == nil:
			return a < b
		case errA == nil:
			return true
		case errB == nil:
			return false
		}
		return keys[i] < keys[j]
	})
}
