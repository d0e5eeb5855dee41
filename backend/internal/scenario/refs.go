package scenario

import (
	"fmt"
	"strings"

	"gopkg.in/yaml.v3"
)

// index holds the keys declared for one kind of thing (teams, phases…), so
// that duplicates and dangling references can be reported with positions.
type index struct {
	noun, plural string
	keys         []string
	at           map[string]*yaml.Node
	// builtin keys exist without being declared in the file (default channels).
	builtin map[string]bool
}

func newIndex(noun, plural string) *index {
	return &index{noun: noun, plural: plural, at: map[string]*yaml.Node{}, builtin: map[string]bool{}}
}

func (ix *index) has(key string) bool { return ix.at[key] != nil || ix.builtin[key] }

// list renders the known keys for a message, shortened when there are many.
func (ix *index) list() string {
	keys := ix.keys
	if len(keys) == 0 {
		return "there are none"
	}
	const show = 15
	suffix := ""
	if len(keys) > show {
		keys, suffix = keys[:show], fmt.Sprintf(", … (%d in all)", len(ix.keys))
	}
	return ix.plural + " are: " + strings.Join(keys, ", ") + suffix
}

// define decodes the key of a declaration and records it, reporting duplicates.
func (p *parser) define(ix *index, dst *string) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) {
		k := p.key(v, label)
		*dst = k
		if k == "" {
			return
		}
		if ix.builtin[k] {
			d := "a built-in " + ix.noun
			p.errorf(v, "%q is already %s; choose another key", k, d)
			return
		}
		if first := ix.at[k]; first != nil {
			p.errorf(v, "there are two %s with the key %q (the first is at line %d); keys must be unique", ix.plural, k, first.Line)
			return
		}
		ix.at[k] = v
		ix.keys = append(ix.keys, k)
	}
}

// ref decodes a reference to a declared key and checks it once the whole file
// is known, since references may point further down.
func (p *parser) ref(ix *index, dst *string, owner string) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) {
		s, ok := p.scalar(v, label)
		if !ok {
			return
		}
		*dst = s
		p.afterAll(func() { p.checkRef(ix, v, s, owner) })
	}
}

func (p *parser) checkRef(ix *index, v *yaml.Node, s, owner string) {
	if ix.has(s) {
		return
	}
	known := append([]string(nil), ix.keys...)
	for k := range ix.builtin {
		known = append(known, k)
	}
	p.errorf(v, "%s refers to %s %q, which does not exist; %s%s", owner, ix.noun, s, ix.list(), didYouMean(s, known))
}

// refs decodes a list of references, each unique.
func (p *parser) refs(ix *index, dst *[]string, owner string, max int) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) {
		seen := map[string]bool{}
		for _, it := range p.list(v, label, max) {
			var s string
			p.ref(ix, &s, owner)(it, "an entry of "+label)
			if s == "" {
				continue
			}
			if seen[s] {
				p.errorf(it, "%s: %q appears twice", label, s)
				continue
			}
			seen[s] = true
			*dst = append(*dst, s)
		}
	}
}

// cbm decodes one CBM reference: 8 and "8" are the same item.
func (p *parser) cbm(v *yaml.Node, label string) string {
	s, ok := p.scalar(v, label)
	if !ok {
		return ""
	}
	s = strings.TrimSpace(s)
	p.afterAll(func() {
		if p.cat == nil {
			return // the catalogue itself is unknown; already reported
		}
		if _, ok := p.cat.Item(s); !ok {
			p.errorf(v, "%s: %q is not in the catalogue %q, whose items are %s", label, s, p.cat.ID, strings.Join(p.cat.Keys(), ", "))
		}
	})
	return s
}

func (p *parser) cbms(dst *[]string) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) {
		seen := map[string]bool{}
		for _, it := range p.list(v, label, MaxListItems) {
			s := p.cbm(it, label)
			if s == "" {
				continue
			}
			if seen[s] {
				p.errorf(it, "%s: CBM %s appears twice", label, s)
				continue
			}
			seen[s] = true
			*dst = append(*dst, s)
		}
	}
}
