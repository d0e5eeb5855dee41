package msel

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// parseBase reads the scenario's current source as a node tree, so that
// everything but the injects (comments included) is written back as it was.
func parseBase(base []byte) (*yaml.Node, *yaml.Node, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(base, &doc); err != nil {
		return nil, nil, fmt.Errorf("the scenario's current source cannot be read as YAML: %v", err)
	}
	if len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, nil, errors.New("the scenario's current source is not a scenario (a set of fields such as id:, teams: and injects:)")
	}
	return &doc, doc.Content[0], nil
}

// injectsNode builds the new injects: list, keeping the comments that were
// around each inject that is still there.
func injectsNode(root *yaml.Node, injects []scenario.Inject) *yaml.Node {
	_, old := baseInjects(root)
	seq := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
	for _, in := range injects {
		seq.Content = append(seq.Content, injectNode(in))
	}
	keepComments(seq, old)
	return seq
}

// setInjects swaps the value of injects: for seq, or appends the field when
// the base has none.
func setInjects(root, seq *yaml.Node) {
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value == "injects" {
			root.Content[i+1] = seq
			return
		}
	}
	root.Content = append(root.Content, str("injects"), seq)
}

// writeScenario returns base with seq as its injects: the file is spliced
// when its layout allows, so the other lines stay exactly as they were, and
// re-encoded from the node tree otherwise (comments are kept either way).
func writeScenario(base []byte, doc, root, seq *yaml.Node) ([]byte, error) {
	if src, ok := spliceInjects(base, root, seq); ok {
		return src, nil
	}
	setInjects(root, seq)
	return encode(doc)
}

// injectNode writes an inject the way the scenario guide does, field by field
// in the guide's order, leaving out empty optional fields.
func injectNode(in scenario.Inject) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(k string, v *yaml.Node) { m.Content = append(m.Content, str(k), v) }
	add("key", str(in.Key))
	add("title", text(in.Title))
	add("phase", str(in.Phase))
	add("channel", str(string(in.Channel)))
	if in.From != "" {
		add("from", text(in.From))
	}
	if in.FromActor != "" {
		add("from_actor", str(in.FromActor))
	}
	add("audience", audienceNode(in.Audience))
	switch {
	case in.Contingency:
		add("contingency", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	case in.After != nil:
		after := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Style: yaml.FlowStyle}
		after.Content = []*yaml.Node{str("inject"), str(in.After.Inject), str("delay"), dur(in.After.Delay)}
		add("after", after)
	case in.At != nil:
		add("at", dur(*in.At))
	}
	add("body", text(in.Body))
	if in.FacilitatorNotes != "" {
		add("facilitator_notes", text(in.FacilitatorNotes))
	}
	if in.CommCheck {
		add("comm_check", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "true"})
	}
	if len(in.ExpectedActions) > 0 {
		list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq"}
		for _, a := range in.ExpectedActions {
			list.Content = append(list.Content, actionNode(a))
		}
		add("expected_actions", list)
	}
	return m
}

func actionNode(a scenario.ExpectedAction) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map"}
	add := func(k string, v *yaml.Node) { m.Content = append(m.Content, str(k), v) }
	add("key", str(a.Key))
	switch len(a.Teams) {
	case 0:
	case 1:
		add("team", str(a.Teams[0]))
	default:
		add("team", flowList(a.Teams, "!!str"))
	}
	add("text", text(a.Text))
	if a.ShownBy != "" {
		add("shown_by", str(string(a.ShownBy)))
	}
	if a.NotObservable {
		add("observable", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: "false"})
	}
	switch len(a.To) {
	case 0:
	case 1:
		add("to", str(a.To[0]))
	default:
		add("to", flowList(a.To, "!!str"))
	}
	if len(a.Channels) > 0 {
		add("channels", flowList(a.Channels, "!!str"))
	}
	if a.Kind != "" {
		add("kind", str(string(a.Kind)))
	}
	if len(a.CBMs) > 0 {
		add("cbms", cbmsNode(a.CBMs))
	}
	if a.From != "" {
		add("from", str(string(a.From)))
	}
	if a.Within != nil {
		add("within", dur(*a.Within))
	}
	return m
}

func audienceNode(a scenario.Audience) *yaml.Node {
	switch {
	case a.Facilitators:
		return str("facilitators")
	case a.All:
		return str("all")
	}
	return flowList(a.Teams, "!!str")
}

var digits = regexp.MustCompile(`^[0-9]+$`)

// cbmsNode writes [8, 2] rather than ["8", "2"], as people write them.
func cbmsNode(cbms []string) *yaml.Node {
	list := flowList(cbms, "!!str")
	for _, n := range list.Content {
		if digits.MatchString(n.Value) {
			n.Tag = "!!int"
		}
	}
	return list
}

func flowList(items []string, tag string) *yaml.Node {
	list := &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Style: yaml.FlowStyle}
	for _, it := range items {
		list.Content = append(list.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: tag, Value: it})
	}
	return list
}

// str is a plain string; the encoder quotes it when it would otherwise read
// as a number, a boolean or null.
func str(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// text is free text: a literal block (|) when it spans lines, as the
// bundled scenarios write bodies; the encoder falls back to a quoted string
// when a block cannot hold the text exactly.
func text(s string) *yaml.Node {
	n := str(s)
	if strings.Contains(s, "\n") {
		n.Style = yaml.LiteralStyle
	}
	return n
}

func dur(d time.Duration) *yaml.Node { return str(formatDuration(d)) }

// encode writes the document with the two-space indentation of the bundled
// files.
func encode(doc *yaml.Node) ([]byte, error) {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// injectLines returns, for each item of injects: in the encoded source, the
// first line it occupies, so that a problem Parse finds there can be
// reported against the spreadsheet row it came from. The last entry is the
// line after the list.
func injectLines(src []byte) []int {
	var doc yaml.Node
	if yaml.Unmarshal(src, &doc) != nil || len(doc.Content) == 0 {
		return nil
	}
	root := doc.Content[0]
	for i := 0; i+1 < len(root.Content); i += 2 {
		if root.Content[i].Value != "injects" {
			continue
		}
		var lines []int
		for _, it := range root.Content[i+1].Content {
			lines = append(lines, it.Line)
		}
		end := bytes.Count(src, []byte("\n")) + 2
		if i+2 < len(root.Content) {
			end = root.Content[i+2].Line
		}
		return append(lines, end)
	}
	return nil
}
