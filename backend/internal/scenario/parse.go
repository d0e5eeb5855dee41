package scenario

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cbmex/cbmex/backend/internal/cbm"
)

// parser is the decoder plus what a scenario needs: the CBM catalogues and
// the indexes of everything the file declares.
type parser struct {
	decoder
	set *cbm.Set
	cat *cbm.Catalogue // nil when the file names an unknown catalogue

	teams, phases, injects, triggers, objectives, channels, criteria, actors *index

	durationNode *yaml.Node
	phaseStarts  []*yaml.Node // parallel to Scenario.Phases; nil where invalid
	timing       []injectTiming
	deadlines    []deadlineTiming
	injectByKey  map[string]*Inject
	// scen is the scenario being decoded, for checks that run once every
	// declaration is known (which channels a team's kind may use).
	scen *Scenario
}

var defaultSet = sync.OnceValues(cbm.Load)

func newParser(filename string, set *cbm.Set) *parser {
	p := &parser{
		decoder:    decoder{file: filename, probs: problems()},
		set:        set,
		teams:      newIndex("team", "teams"),
		phases:     newIndex("phase", "phases"),
		injects:    newIndex("inject", "injects"),
		triggers:   newIndex("trigger", "triggers"),
		objectives: newIndex("objective", "objectives"),
		channels:   newIndex("channel", "channels"),
		criteria:   newIndex("criterion", "criteria"),
		actors:     newIndex("actor", "actors"),
	}
	for _, c := range DefaultChannels {
		p.channels.builtin[c.Key] = true
		p.channels.keys = append(p.channels.keys, c.Key) // listed in messages first
	}
	return p
}

// Parse decodes and validates one scenario file. It returns either the
// scenario and no problems, or nil and every problem found, sorted by
// position: a broken file never yields a half-valid scenario.
//
// cbms may be nil, in which case the catalogues embedded in the binary are used.
func Parse(filename string, data []byte, cbms *cbm.Set) (*Scenario, Problems) {
	p := newParser(filename, cbms)
	if p.set == nil {
		set, err := defaultSet()
		if err != nil {
			p.errorf(nil, "the CBM catalogues could not be loaded: %v", err)
			return nil, p.probs.List()
		}
		p.set = set
	}
	p.cat = p.set.Default()
	if len(data) > MaxFileSize {
		p.errorf(nil, "the file is %d bytes long; scenario files may be at most %d bytes (1 MiB)", len(data), MaxFileSize)
		return nil, p.probs.List()
	}
	root := p.document(data)
	if root == nil {
		return nil, p.probs.List()
	}
	if id := peek(root, "scenario"); id != "" && peek(root, "language") != "" {
		p.errorf(root, "this is the %s translation of the scenario %q, not a scenario file; keep it beside %s.yaml, or import it on the scenario's Translations page",
			peek(root, "language"), id, id)
		return nil, p.probs.List()
	}
	s := p.scenario(root)
	for i := 0; i < len(p.later); i++ {
		p.later[i]()
	}
	p.checkTiming(s)
	if p.probs.Len() > 0 {
		return nil, p.probs.List()
	}
	return s, nil
}

// document parses the YAML text and returns the top-level mapping, or nil
// after reporting why there is none.
func (p *parser) document(data []byte) *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := decodeSafely(dec, &doc); err != nil {
		if errors.Is(err, io.EOF) {
			p.errorf(nil, "the file is empty; a scenario starts with fields such as id:, title: and teams:")
		} else {
			p.syntaxError(err)
		}
		return nil
	}
	var extra yaml.Node
	switch err := decodeSafely(dec, &extra); {
	case err == nil:
		at := &extra
		if len(extra.Content) > 0 {
			at = extra.Content[0]
		}
		p.errorf(at, "a scenario file holds a single YAML document; remove the second one (after ---) or put it in its own file")
	case !errors.Is(err, io.EOF):
		p.syntaxError(err)
	}
	if len(doc.Content) == 0 {
		p.errorf(nil, "the file is empty; a scenario starts with fields such as id:, title: and teams:")
		return nil
	}
	if p.refuseAliases(&doc) {
		return nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		p.errorf(root, "a scenario file must be a set of fields (id:, title:, teams: …) at the top level, not %s", describe(root))
		return nil
	}
	return root
}

// decodeSafely turns a panic inside the YAML library into an error: a
// malformed upload must never take the server down.
func decodeSafely(dec *yaml.Decoder, n *yaml.Node) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("yaml: the YAML parser failed on this file (%v)", r)
		}
	}()
	return dec.Decode(n)
}

var lineRe = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// parserErrors are the yaml.v3 messages raised by its parser rather than its
// scanner. For those, yaml.v3 prints the 0-based line of the collection being
// parsed (the scanner's lines are 1-based), so we add one and say where it points.
var parserErrors = []string{
	"did not find expected node content",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"did not find expected '-' indicator",
	"did not find expected <document start>",
}

// syntaxError reports a YAML syntax error. yaml.v3 gives only a line, so the
// column is 1.
func (p *parser) syntaxError(err error) {
	msg := err.Error()
	line := 1
	if m := lineRe.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
		for _, pe := range parserErrors {
			if msg == pe {
				line++
				msg += " (in the list or block that starts on this line)"
				break
			}
		}
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.probs.Add(Problem{File: p.file, Line: max(line, 1), Col: 1,
		Message: "this is not valid YAML: " + msg})
}

// refuseAliases reports every anchor and alias. Aliases let a small file
// expand into a huge one ("billion laughs"), and scenario files have no
// need for them, so they are refused outright rather than capped.
//
// It reports NUL characters too (written "\0" in double quotes): no text
// of a scenario can hold one, PostgreSQL could not store it.
func (p *parser) refuseAliases(doc *yaml.Node) bool {
	found := false
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind == yaml.AliasNode:
			p.errorf(n, "aliases (*%s) are not allowed in scenario files, to keep them safe to load; write the value out in full", n.Value)
			found = true
			return
		case n.Anchor != "":
			p.errorf(n, "anchors (&%s) are not allowed in scenario files, to keep them safe to load; write the value out in full", n.Anchor)
			found = true
		case n.Kind == yaml.ScalarNode && strings.IndexByte(n.Value, 0) >= 0:
			p.errorf(n, `this text holds a NUL character (\0), which no text of a scenario may hold; remove it`)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(doc)
	return found
}

// uiLanguages are the six OSCE languages the product is translated into.
var uiLanguages = []string{"en", "fr", "de", "it", "ru", "es"}

var levels = []string{string(LevelIntroductory), string(LevelIntermediate), string(LevelAdvanced)}

// scenarioFields lists the top-level fields; the JSON Schema test compares
// the schema's properties with these names.
func (p *parser) scenarioFields(s *Scenario) []field {
	const top = "the scenario"
	return []field{
		{"id", true, func(v *yaml.Node, l string) { p.scenarioID(v, l, s) }},
		{"version", true, func(v *yaml.Node, l string) { s.Version = p.version(v, l) }},
		{"title", true, p.textField(&s.Title, MaxTitleLen)},
		{"summary", true, p.textField(&s.Summary, MaxSummaryLen)},
		{"languages", true, func(v *yaml.Node, l string) { s.Languages = p.languages(v, l, uiLanguages) }},
		{"duration", true, func(v *yaml.Node, l string) { s.Duration = p.exerciseDuration(v, l) }},
		{"level", true, func(v *yaml.Node, l string) { s.Level = Level(p.enum(v, l, levels)) }},
		{"audience", false, p.wordsField(&s.Audience)},
		{"themes", false, p.wordsField(&s.Themes)},
		{"catalogue", false, func(v *yaml.Node, l string) { p.catalogue(v, l, s) }},
		{"cbms", true, func(v *yaml.Node, l string) {
			p.cbms(&s.CBMs)(v, l)
			p.atLeast(v, len(s.CBMs), 1, top+" needs at least one CBM in focus")
		}},
		{"objectives", true, func(v *yaml.Node, l string) {
			s.Objectives = each(p, v, l, MaxObjectives, p.objective)
			p.atLeast(v, len(s.Objectives), 1, top+" needs at least one learning objective")
		}},
		{"channels", false, func(v *yaml.Node, l string) { s.Channels = each(p, v, l, MaxChannels, p.channel) }},
		{"teams", true, func(v *yaml.Node, l string) {
			s.Teams = each(p, v, l, MaxTeams, p.team)
			p.atLeast(v, len(s.Teams), MinTeams, fmt.Sprintf("%s needs at least %d teams", top, MinTeams))
		}},
		{"actors", false, func(v *yaml.Node, l string) { s.Actors = each(p, v, l, MaxActors, p.actor) }},
		{"phases", true, func(v *yaml.Node, l string) {
			s.Phases = each(p, v, l, MaxPhases, p.phase)
			p.atLeast(v, len(s.Phases), 1, top+" needs at least one phase")
		}},
		{"injects", true, func(v *yaml.Node, l string) {
			s.Injects = each(p, v, l, MaxInjects, p.inject)
			p.atLeast(v, len(s.Injects), 1, top+" needs at least one inject")
		}},
		{"triggers", false, func(v *yaml.Node, l string) { s.Triggers = each(p, v, l, MaxTriggers, p.trigger) }},
		{"rubric", true, func(v *yaml.Node, l string) { s.Rubric = p.rubric(v) }},
	}
}

func (p *parser) scenario(root *yaml.Node) *Scenario {
	s := &Scenario{Catalogue: cbm.DefaultID, file: p.file}
	p.scen = s
	p.object(root, "the scenario", p.scenarioFields(s))
	p.injectsDeclared(s)
	return s
}

// each decodes every item of a list with decode(item, index).
func each[T any](p *parser, v *yaml.Node, label string, max int, decode func(*yaml.Node, int) T) []T {
	items := p.list(v, label, max)
	out := make([]T, 0, len(items))
	for i, it := range items {
		out = append(out, decode(it, i))
	}
	return out
}

func (p *parser) atLeast(v *yaml.Node, have, want int, msg string) {
	if have < want && (v.Kind == yaml.SequenceNode || isNull(v)) {
		p.errorf(v, "%s; it has %d", msg, have)
	}
}

func (p *parser) scenarioID(v *yaml.Node, label string, s *Scenario) {
	s.idLine, s.idCol = v.Line, v.Column
	id, ok := p.scalar(v, label)
	if !ok {
		return
	}
	if len(id) > MaxKeyLen || !idRe.MatchString(id) {
		p.errorf(v, "%s is %q; use lower-case letters, digits and hyphens only, e.g. %q", label, id, suggestSlug(id, "-"))
	}
	s.ID = id
}

func (p *parser) version(v *yaml.Node, label string) int {
	n, ok := p.integer(v, label)
	if ok && n < 1 {
		p.errorf(v, "%s is %d; start at 1 and increase it with each revision", label, n)
	}
	return n
}

func (p *parser) exerciseDuration(v *yaml.Node, label string) time.Duration {
	p.durationNode = v
	dur, ok := p.duration(v, label)
	if ok && dur == 0 {
		p.errorf(v, "%s is zero; give the planned length of play, e.g. 90m", label)
		return 0
	}
	return dur
}

var langRe = regexp.MustCompile(`^[a-z]{2,3}$`)

// languages decodes language codes; allowed limits them to a fixed set, or
// nil accepts any two- or three-letter ISO 639 code.
func (p *parser) languages(v *yaml.Node, label string, allowed []string) []string {
	items := p.list(v, label, MaxListItems)
	var out []string
	seen := map[string]bool{}
	for _, it := range items {
		c, ok := p.scalar(it, "an entry of "+label)
		if !ok {
			continue
		}
		if !validLanguage(c, allowed) {
			what := "a lower-case ISO 639 language code such as en or fr"
			if allowed != nil {
				what = "one of the OSCE languages " + strings.Join(allowed, ", ")
			}
			p.errorf(it, "%s include %q; each must be %s%s", label, c, what, didYouMean(c, allowed))
			continue
		}
		if seen[c] {
			p.errorf(it, "%s: %q appears twice", label, c)
			continue
		}
		seen[c] = true
		out = append(out, c)
	}
	if len(items) == 0 && allowed != nil && (v.Kind == yaml.SequenceNode || isNull(v)) {
		p.errorf(v, "%s is empty; name at least one, e.g. [en]", label)
	}
	return out
}

func validLanguage(c string, allowed []string) bool {
	if allowed == nil {
		return langRe.MatchString(c)
	}
	for _, a := range allowed {
		if a == c {
			return true
		}
	}
	return false
}

func (p *parser) catalogue(v *yaml.Node, label string, s *Scenario) {
	id, ok := p.scalar(v, label)
	if !ok {
		return
	}
	s.Catalogue = id
	c, found := p.set.Catalogue(id)
	if !found {
		p.errorf(v, "%s is %q, which is not a known catalogue; known catalogues are: %s%s",
			label, id, strings.Join(p.set.IDs(), ", "), didYouMean(id, p.set.IDs()))
	}
	p.cat = c
}
