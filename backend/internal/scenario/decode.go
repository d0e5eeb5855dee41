package scenario

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"gopkg.in/yaml.v3"
)

// decoder walks a yaml.Node tree, filling the Scenario and collecting every
// problem with its position instead of stopping at the first one.
type decoder struct {
	file  string
	probs *Collector[Problem]
	// later holds checks that need the whole file decoded first (references
	// to things declared further down, CBMs of a catalogue named anywhere).
	later []func()
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	line, col := 1, 1
	if n != nil && n.Line > 0 {
		line, col = n.Line, n.Column
	}
	d.probs.Add(Problem{File: d.file, Line: line, Col: col, Message: fmt.Sprintf(format, args...)})
}

func (d *decoder) afterAll(f func()) { d.later = append(d.later, f) }

// field describes one key of a YAML mapping and how to decode its value.
// label is a phrase naming the value in messages, e.g. `the title of team "aurelia"`.
type field struct {
	name     string
	required bool
	decode   func(v *yaml.Node, label string)
}

// object decodes mapping n whose fields are described by fields. owner names
// the mapping in messages (`inject "news-blackout"`). It reports unknown,
// duplicate and missing fields.
func (d *decoder) object(n *yaml.Node, owner string, fields []field) bool {
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "%s should be a set of fields (name: value), not %s", owner, describe(n))
		return false
	}
	byName := make(map[string]*field, len(fields))
	names := make([]string, len(fields))
	for i := range fields {
		byName[fields[i].name] = &fields[i]
		names[i] = fields[i].name
	}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "field names in %s must be plain words, not %s", owner, describe(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "%s has the field %q twice (first at line %d); keep one", owner, k.Value, first.Line)
			continue
		}
		seen[k.Value] = k
		f, ok := byName[k.Value]
		if !ok {
			d.errorf(k, "%s has an unknown field %q%s", owner, k.Value, didYouMean(k.Value, names))
			continue
		}
		f.decode(v, "the "+f.name+" of "+owner)
	}
	for _, f := range fields {
		if f.required && seen[f.name] == nil {
			d.errorf(n, "%s is missing the required field %q", owner, f.name)
		}
	}
	return true
}

// peek returns the scalar value of a field without decoding it, so that the
// mapping can be named after its key in messages.
func peek(n *yaml.Node, name string) string {
	if n.Kind != yaml.MappingNode {
		return ""
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == name && n.Content[i+1].Kind == yaml.ScalarNode {
			return n.Content[i+1].Value
		}
	}
	return ""
}

// keyNode returns the value node of the "key" field, or n itself.
func keyNode(n *yaml.Node, name string) *yaml.Node {
	if n.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(n.Content); i += 2 {
			if n.Content[i].Value == name {
				return n.Content[i+1]
			}
		}
	}
	return n
}

// name returns `noun "key"` or `noun N` when the key is missing, for messages.
func name(noun string, n *yaml.Node, index int) string {
	if k := peek(n, "key"); k != "" {
		return fmt.Sprintf("%s %q", noun, k)
	}
	return fmt.Sprintf("%s number %d", noun, index+1)
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a set of fields"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	if n.Tag == "!!null" {
		return "empty"
	}
	return fmt.Sprintf("%q", n.Value)
}

func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.Tag == "!!null" }

// scalar returns the value of a single non-empty scalar.
func (d *decoder) scalar(v *yaml.Node, label string) (string, bool) {
	if v.Kind != yaml.ScalarNode {
		d.errorf(v, "%s should be a single value, not %s", label, describe(v))
		return "", false
	}
	if isNull(v) || strings.TrimSpace(v.Value) == "" {
		d.errorf(v, "%s is empty", label)
		return "", false
	}
	return v.Value, true
}

// text decodes free text (plain or Markdown) of at most max characters.
func (d *decoder) text(v *yaml.Node, label string, max int) string {
	s, ok := d.scalar(v, label)
	if !ok {
		return ""
	}
	if n := utf8.RuneCountInString(s); n > max {
		d.errorf(v, "%s is too long: %d characters, at most %d", label, n, max)
	}
	return s
}

func (d *decoder) textField(dst *string, max int) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) { *dst = d.text(v, label, max) }
}

var (
	idRe  = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	keyRe = regexp.MustCompile(`^[a-z0-9]+([_-][a-z0-9]+)*$`)
)

// key decodes the identifier of a team, inject, etc.: lower-case letters,
// digits, hyphens and underscores, because keys end up in URLs and logs.
func (d *decoder) key(v *yaml.Node, label string) string {
	s, ok := d.scalar(v, label)
	if !ok {
		return ""
	}
	if len(s) > MaxKeyLen || !keyRe.MatchString(s) {
		d.errorf(v, "%s is %q; use lower-case letters, digits, hyphens or underscores (at most %d), e.g. %q", label, s, MaxKeyLen, suggestSlug(s, "-"))
		return s
	}
	return s
}

func (d *decoder) keyField(dst *string) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) { *dst = d.key(v, label) }
}

// suggestSlug turns "Grid Cascade!" into "grid-cascade" for messages.
func suggestSlug(s, sep string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteString(sep)
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "my-key"
	}
	out := b.String()
	if len(out) > MaxKeyLen {
		out = out[:MaxKeyLen]
	}
	return out
}

func (d *decoder) integer(v *yaml.Node, label string) (int, bool) {
	s, ok := d.scalar(v, label)
	if !ok {
		return 0, false
	}
	n, err := strconv.Atoi(s)
	if v.Tag != "!!int" || err != nil {
		d.errorf(v, "%s should be a whole number, not %q", label, s)
		return 0, false
	}
	return n, true
}

func (d *decoder) boolean(v *yaml.Node, label string) bool {
	s, ok := d.scalar(v, label)
	if !ok {
		return false
	}
	if v.Tag != "!!bool" {
		d.errorf(v, "%s should be true or false, not %q", label, s)
		return false
	}
	return s == "true" || s == "True" || s == "TRUE"
}

// duration decodes a Go-style duration (15m, 1h30m, 45s). A bare 0 is
// accepted because "0" is unambiguous; other bare numbers are not, since the
// author may have meant minutes or seconds.
func (d *decoder) duration(v *yaml.Node, label string) (time.Duration, bool) {
	s, ok := d.scalar(v, label)
	if !ok {
		return 0, false
	}
	dur, err := time.ParseDuration(strings.TrimSpace(s))
	if err != nil {
		d.errorf(v, "%s is %q, which is not a duration; write it like 15m, 1h30m or 45s", label, s)
		return 0, false
	}
	if dur < 0 {
		d.errorf(v, "%s is negative (%s); times count forward from the start", label, s)
		return 0, false
	}
	if dur > MaxDuration {
		d.errorf(v, "%s is %s, longer than the %s an exercise may last", label, s, fmtDur(MaxDuration))
		return 0, false
	}
	return dur, true
}

func (d *decoder) durationPtr(dst **time.Duration) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) {
		if dur, ok := d.duration(v, label); ok {
			*dst = &dur
		}
	}
}

// enum decodes one of a fixed set of words.
func (d *decoder) enum(v *yaml.Node, label string, allowed []string) string {
	s, ok := d.scalar(v, label)
	if !ok {
		return ""
	}
	for _, a := range allowed {
		if s == a {
			return s
		}
	}
	d.errorf(v, "%s is %q; it must be one of: %s%s", label, s, strings.Join(allowed, ", "), didYouMean(s, allowed))
	return ""
}

// list returns the items of a sequence; an empty value counts as an empty
// list. Items beyond max are reported once, at the first one too many.
func (d *decoder) list(v *yaml.Node, label string, max int) []*yaml.Node {
	if isNull(v) {
		return nil
	}
	if v.Kind != yaml.SequenceNode {
		d.errorf(v, "%s should be a list (one \"- item\" per line, or [a, b]), not %s", label, describe(v))
		return nil
	}
	if len(v.Content) > max {
		d.errorf(v.Content[max], "%s has %d entries; the limit is %d", label, len(v.Content), max)
		return v.Content[:max]
	}
	return v.Content
}

// words decodes a list of short free tags, each unique.
func (d *decoder) words(v *yaml.Node, label string) []string {
	var out []string
	seen := map[string]bool{}
	for _, it := range d.list(v, label, MaxListItems) {
		s, ok := d.scalar(it, "an entry of "+label)
		if !ok {
			continue
		}
		if len(s) > MaxKeyLen {
			d.errorf(it, "an entry of %s is too long: %d characters, at most %d", label, len(s), MaxKeyLen)
			continue
		}
		if seen[s] {
			d.errorf(it, "%s: %q appears twice", label, s)
			continue
		}
		seen[s] = true
		out = append(out, s)
	}
	return out
}

func (d *decoder) wordsField(dst *[]string) func(*yaml.Node, string) {
	return func(v *yaml.Node, label string) { *dst = d.words(v, label) }
}

func fmtDur(dur time.Duration) string {
	s := dur.String()
	s = strings.TrimSuffix(s, "0s")
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	if s == "" {
		return "0m"
	}
	return s
}

// DidYouMean suggests the closest candidate when s looks like a typo of it
// ("; did you mean \"title\"?"), or says nothing. Other readers of keys
// (translation files, XLIFF units) use it too.
func DidYouMean(s string, candidates []string) string { return didYouMean(s, candidates) }

// didYouMean suggests the closest candidate when s looks like a typo of it.
func didYouMean(s string, candidates []string) string {
	best, bestDist := "", 0
	for _, c := range candidates {
		dist := levenshtein(strings.ToLower(s), strings.ToLower(c))
		if best == "" || dist < bestDist {
			best, bestDist = c, dist
		}
	}
	limit := 2
	switch n := utf8.RuneCountInString(s); {
	case n <= 4:
		limit = 1
	case n > 20: // a dotted text key: a longer edit is still a typo
		limit = 3
	}
	if best == "" || bestDist > limit || bestDist == 0 && s == best {
		return ""
	}
	return fmt.Sprintf("; did you mean %q?", best)
}

func levenshtein(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) > 200 || len(rb) > 200 {
		return 1 << 30 // not a typo of a key; skip the quadratic work
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
