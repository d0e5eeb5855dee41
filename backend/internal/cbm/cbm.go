// Package cbm holds the catalogues of confidence-building measures (and
// neighbouring norm sets) that scenarios, messages and scores refer to.
//
// The catalogues are data files embedded from the catalogues/ folder, not Go
// literals, so that adding a catalogue is a matter of dropping one YAML file in
// that folder and rebuilding.
package cbm

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"
)

// DefaultID is the catalogue scenarios use when they name none.
const DefaultID = "osce-ict-cbms"

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
type Catalogue struct {
	ID     string `yaml:"id" json:"id"`
	Title  string `yaml:"title" json:"title"`
	Source string `yaml:"source" json:"source"`
	Items  []Item `yaml:"items" json:"items"`

	byKey map[string]*Item
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

// LoadFS parses and validates every *.yaml file at the root of fsys. It exists
// so tests (and, later, an operator-supplied folder) can load other catalogues.
func LoadFS(fsys fs.FS) (*Set, error) {
	names, err := fs.Glob(fsys, "*.yaml")
	if err != nil {
		return nil, err
	}
	set := &Set{byID: map[string]*Catalogue{}}
	var errs []error
	for _, name := range names {
		c, err := loadFile(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if _, dup := set.byID[c.ID]; dup {
			errs = append(errs, fmt.Errorf("%s: catalogue id %q is used by another catalogue file", name, c.ID))
			continue
		}
		set.byID[c.ID] = c
		set.ids = append(set.ids, c.ID)
	}
	if _, ok := set.byID[DefaultID]; !ok && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("the default catalogue %q is missing", DefaultID))
	}
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	sort.Strings(set.ids)
	return set, nil
}

func loadFile(fsys fs.FS, name string) (*Catalogue, error) {
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return nil, err
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true) // a typo in a catalogue file must not silently drop a field
	var c Catalogue
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	if err := c.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", path.Base(name), err)
	}
	return &c, nil
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
