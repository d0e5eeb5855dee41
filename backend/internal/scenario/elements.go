package scenario

import (
	"fmt"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

func (p *parser) objective(n *yaml.Node, i int) Objective {
	var o Objective
	owner := name("objective", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.objectives, &o.Key)},
		{"text", true, p.textField(&o.Text, MaxShortTextLen)},
		{"cbms", false, p.cbms(&o.CBMs)},
	})
	return o
}

func (p *parser) channel(n *yaml.Node, i int) Channel {
	var c Channel
	owner := name("channel", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.channels, &c.Key)},
		{"title", true, p.textField(&c.Title, MaxTitleLen)},
		{"cbms", false, p.cbms(&c.CBMs)},
		{"kinds", false, func(v *yaml.Node, l string) { c.Kinds = p.teamKinds(v, l) }},
	})
	return c
}

// teamKinds decodes a channel's kinds: the team kinds that may use it.
func (p *parser) teamKinds(v *yaml.Node, label string) []TeamKind {
	var out []TeamKind
	for _, it := range p.list(v, label, len(teamKinds)) {
		k := TeamKind(p.enum(it, "an entry of "+label, teamKinds))
		if k == "" {
			continue
		}
		if slices.Contains(out, k) {
			p.errorf(it, "%s: %q appears twice", label, k)
			continue
		}
		out = append(out, k)
	}
	if v.Kind == yaml.SequenceNode && len(v.Content) == 0 {
		p.errorf(v, "%s is an empty list; write [state], or remove it so that every kind of team may use the channel", label)
	}
	return out
}

var teamKinds = []string{string(KindState), string(KindOrganisation)}

func (p *parser) team(n *yaml.Node, i int) Team {
	var t Team
	owner := name("team", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.teams, &t.Key)},
		{"name", true, p.textField(&t.Name, MaxTitleLen)},
		{"kind", true, func(v *yaml.Node, l string) { t.Kind = TeamKind(p.enum(v, l, teamKinds)) }},
		{"briefing", true, p.textField(&t.Briefing, MaxLongTextLen)},
		{"points_of_contact", false, func(v *yaml.Node, l string) {
			t.PointsOfContact = each(p, v, l, MaxPointsOfContact, func(n *yaml.Node, j int) PointOfContact {
				return p.pointOfContact(n, fmt.Sprintf("point of contact number %d of %s", j+1, owner), &t)
			})
		}},
	})
	return t
}

var pocRoles = []string{string(RolePolicy), string(RoleTechnical)}

// pointOfContact decodes one pre-filled contact of team t; t's key and kind
// are read only once the whole file is decoded.
func (p *parser) pointOfContact(n *yaml.Node, owner string, t *Team) PointOfContact {
	var c PointOfContact
	p.object(n, owner, []field{
		{"role", true, func(v *yaml.Node, l string) { c.Role = PoCRole(p.enum(v, l, pocRoles)) }},
		{"name", true, p.textField(&c.Name, MaxTitleLen)},
		{"channel", false, func(v *yaml.Node, l string) {
			p.ref(p.channels, &c.Channel, owner)(v, l)
			p.afterAll(func() { p.checkTeamChannel(v, t.Key, c.Channel, l) })
		}},
		{"hours", false, p.textField(&c.Hours, MaxKeyLen)},
		{"languages", false, func(v *yaml.Node, l string) { c.Languages = p.languages(v, l, nil) }},
	})
	return c
}

func (p *parser) phase(n *yaml.Node, i int) Phase {
	var ph Phase
	var start *yaml.Node
	owner := name("phase", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.phases, &ph.Key)},
		{"title", true, p.textField(&ph.Title, MaxTitleLen)},
		{"clock", false, p.textField(&ph.Clock, MaxKeyLen)},
		{"starts_at", true, func(v *yaml.Node, l string) {
			if d, ok := p.duration(v, l); ok {
				ph.StartsAt, start = d, v
			}
		}},
		{"situation", true, p.textField(&ph.Situation, MaxLongTextLen)},
		{"questions", false, func(v *yaml.Node, l string) { ph.Questions = p.questions(v, l, owner) }},
	})
	p.phaseStarts = append(p.phaseStarts, start)
	return ph
}

// questions decodes a phase's discussion questions; their keys are unique
// within the phase (q1, q2… may repeat from phase to phase).
func (p *parser) questions(v *yaml.Node, label, phase string) []Question {
	ix := newIndex("question", "questions")
	return each(p, v, label, MaxQuestions, func(n *yaml.Node, i int) Question {
		var q Question
		p.object(n, name("question", n, i)+" of "+phase, []field{
			{"key", true, p.define(ix, &q.Key)},
			{"text", true, p.textField(&q.Text, MaxShortTextLen)},
		})
		return q
	})
}

var injectChannelNames = func() []string {
	out := make([]string, len(InjectChannels))
	for i, c := range InjectChannels {
		out[i] = string(c)
	}
	return out
}()

// injectTiming remembers where an inject's timing was written, for the
// timing checks that run once every inject is known.
type injectTiming struct {
	key                       string
	node, at, after, contNode *yaml.Node
}

func (p *parser) inject(n *yaml.Node, i int) Inject {
	in := Inject{Audience: Audience{All: true}}
	t := injectTiming{node: n}
	owner := name("inject", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.injects, &in.Key)},
		{"title", true, p.textField(&in.Title, MaxTitleLen)},
		{"phase", true, p.ref(p.phases, &in.Phase, owner)},
		{"channel", true, func(v *yaml.Node, l string) { in.Channel = InjectChannel(p.enum(v, l, injectChannelNames)) }},
		{"from", false, p.textField(&in.From, MaxTitleLen)},
		{"from_actor", false, p.ref(p.actors, &in.FromActor, owner)},
		{"audience", false, func(v *yaml.Node, l string) { in.Audience = p.audience(v, l, owner) }},
		{"at", false, func(v *yaml.Node, l string) { t.at = v; p.durationPtr(&in.At)(v, l) }},
		{"after", false, func(v *yaml.Node, l string) { t.after = v; in.After = p.after(v, l, owner, "inject") }},
		{"contingency", false, func(v *yaml.Node, l string) { t.contNode = v; in.Contingency = p.boolean(v, l) }},
		{"body", true, p.textField(&in.Body, MaxLongTextLen)},
		{"facilitator_notes", false, p.textField(&in.FacilitatorNotes, MaxLongTextLen)},
		{"comm_check", false, func(v *yaml.Node, l string) { in.CommCheck = p.boolean(v, l) }},
		{"expected_actions", false, func(v *yaml.Node, l string) { in.ExpectedActions = p.expectedActions(v, l, owner, &in) }},
	})
	if n.Kind == yaml.MappingNode {
		p.checkTimingShape(&in, t, owner)
	}
	t.key = in.Key
	p.timing = append(p.timing, t)
	return in
}

// checkTimingShape enforces exactly one of at, after, contingency: true.
func (p *parser) checkTimingShape(in *Inject, t injectTiming, owner string) {
	switch {
	case t.at != nil && t.after != nil:
		p.errorf(t.after, "%s has both at and after; keep one of them", owner)
	case in.Contingency && (t.at != nil || t.after != nil):
		p.errorf(t.contNode, "%s is a contingency inject (released by a trigger or a facilitator), so it cannot also have at or after", owner)
	case t.at == nil && t.after == nil && !in.Contingency && t.contNode == nil:
		p.errorf(t.node, "%s has no time: give it at: (e.g. at: 10m), after: { inject: other-key, delay: 5m }, or contingency: true", owner)
	case t.at == nil && t.after == nil && !in.Contingency:
		p.errorf(t.contNode, "%s has no time and is not a contingency inject: give it at: or after:, or set contingency: true", owner)
	}
}

// audience is "all", "facilitators" or a list of team keys.
func (p *parser) audience(v *yaml.Node, label, owner string) Audience {
	if v.Kind == yaml.SequenceNode {
		var a Audience
		p.refs(p.teams, &a.Teams, owner, MaxTeams)(v, label)
		if len(v.Content) == 0 {
			p.errorf(v, "%s is an empty list; name at least one team, or write all", label)
		}
		return a
	}
	s, ok := p.scalar(v, label)
	switch {
	case !ok:
	case s == "all":
		return Audience{All: true}
	case s == "facilitators":
		return Audience{Facilitators: true}
	default:
		p.errorf(v, "%s is %q; write all, facilitators, or a list of team keys such as [%s]", label, s, s)
	}
	return Audience{All: true}
}

// after decodes { <keyField>: other-inject, delay: 10m }.
func (p *parser) after(v *yaml.Node, label, owner, keyField string) *After {
	a := &After{}
	ok := p.object(v, label, []field{
		{keyField, true, p.ref(p.injects, &a.Inject, owner)},
		{"delay", true, func(v *yaml.Node, l string) { a.Delay, _ = p.duration(v, l) }},
	})
	if !ok {
		return nil
	}
	return a
}

var conditionTypes = []string{string(CondMessage), string(CondNoMessage), string(CondRequestAnswered),
	string(CondRequestUnanswered), string(CondFacilitatorDecision)}

var requestKinds = []string{string(RequestInformation), string(RequestConsultation), string(RequestAssistance)}

func (p *parser) trigger(n *yaml.Node, i int) Trigger {
	var t Trigger
	owner := name("trigger", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.triggers, &t.Key)},
		{"title", true, p.textField(&t.Title, MaxTitleLen)},
		{"condition", true, func(v *yaml.Node, l string) { t.Condition = p.condition(v, l, owner) }},
		{"release", true, func(v *yaml.Node, l string) {
			p.refs(p.injects, &t.Release, owner, MaxListItems)(v, l)
			p.atLeast(v, len(t.Release), 1, owner+" must release at least one inject")
			p.afterAll(func() { p.checkReleases(v, t.Release, owner) })
		}},
	})
	return t
}

// deadlineTiming remembers where a trigger deadline was written.
type deadlineTiming struct {
	node     *yaml.Node
	deadline *Deadline
	owner    string
}

func (p *parser) condition(v *yaml.Node, label, owner string) Condition {
	var c Condition
	nodes := map[string]*yaml.Node{}
	track := func(name string, f func(*yaml.Node, string)) field {
		return field{name, name == "type", func(v *yaml.Node, l string) { nodes[name] = v; f(v, l) }}
	}
	ok := p.object(v, label, []field{
		track("type", func(v *yaml.Node, l string) { c.Type = ConditionType(p.enum(v, l, conditionTypes)) }),
		track("from", p.ref(p.teams, &c.From, owner)),
		track("to", p.ref(p.teams, &c.To, owner)),
		track("cbm", func(v *yaml.Node, l string) { c.CBM = p.cbm(v, l) }),
		track("channel", func(v *yaml.Node, l string) {
			p.ref(p.channels, &c.Channel, owner)(v, l)
			p.afterAll(func() { p.checkTeamChannel(v, c.From, c.Channel, label) })
		}),
		track("kind", func(v *yaml.Node, l string) { c.Kind = RequestKind(p.enum(v, l, requestKinds)) }),
		track("deadline", func(v *yaml.Node, l string) { c.Deadline = p.deadline(v, l, owner) }),
		track("prompt", p.textField(&c.Prompt, MaxShortTextLen)),
	})
	if ok && c.Type != "" {
		p.checkCondition(v, &c, nodes, label)
	}
	return c
}

// checkCondition enforces which fields each condition type needs or ignores.
func (p *parser) checkCondition(v *yaml.Node, c *Condition, nodes map[string]*yaml.Node, label string) {
	switch c.Type {
	case CondNoMessage, CondRequestUnanswered:
		if nodes["deadline"] == nil {
			p.errorf(v, "%s is %s, which needs a deadline, e.g. deadline: { after: inject-key, delay: 20m } or deadline: 40m", label, c.Type)
		}
	case CondFacilitatorDecision:
		if nodes["prompt"] == nil {
			p.errorf(v, "%s is facilitator_decision, which needs a prompt: the yes/no question put to the facilitator", label)
		}
		for _, f := range []string{"from", "to", "cbm", "channel", "kind"} {
			if nodes[f] != nil {
				p.errorf(nodes[f], "%s is facilitator_decision, which does not use %s; remove it", label, f)
			}
		}
	}
	if nodes["prompt"] != nil && c.Type != CondFacilitatorDecision {
		p.errorf(nodes["prompt"], "%s: a prompt is only used by facilitator_decision conditions; remove it", label)
	}
	if nodes["kind"] != nil && c.Type != CondRequestAnswered && c.Type != CondRequestUnanswered && c.Type != CondFacilitatorDecision {
		p.errorf(nodes["kind"], "%s: kind is only used by request_answered and request_unanswered conditions; remove it", label)
	}
	if c.From != "" && c.From == c.To {
		p.errorf(nodes["to"], "%s: from and to are the same team (%q); a team does not message itself", label, c.To)
	}
}

// deadline is an offset (40m) or { after: inject-key, delay: 20m }.
func (p *parser) deadline(v *yaml.Node, label, owner string) *Deadline {
	dl := &Deadline{}
	if v.Kind == yaml.MappingNode {
		dl.After = p.after(v, label, owner, "after")
	} else if d, ok := p.duration(v, label); ok {
		dl.At = &d
	}
	if dl.At == nil && dl.After == nil {
		return nil
	}
	p.deadlines = append(p.deadlines, deadlineTiming{node: v, deadline: dl, owner: owner})
	return dl
}

// checkTeamChannel reports a channel the team's kind may not use: the CBMs
// are measures between participating States, so an organisation's team has
// no place on the States' channels. It runs once every team and channel is known.
func (p *parser) checkTeamChannel(v *yaml.Node, team, channel, owner string) {
	if p.scen == nil || team == "" || channel == "" {
		return
	}
	t, okT := p.scen.Team(team)
	c, okC := p.scen.Channel(channel)
	if !okT || !okC || t.Kind == "" || c.Allows(t.Kind) {
		return
	}
	p.errorf(v, "%s: team %q is %s, and the channel %q is for %s only; that team may use %s",
		owner, team, kindPhrase(t.Kind), channel, kindsPhrase(c.Kinds), strings.Join(p.scen.ChannelsFor(t.Kind), ", "))
}

func kindPhrase(k TeamKind) string {
	if k == KindOrganisation {
		return "an organisation"
	}
	return "a State"
}

func kindsPhrase(ks []TeamKind) string {
	out := make([]string, len(ks))
	for i, k := range ks {
		out[i] = map[TeamKind]string{KindState: "participating States' teams", KindOrganisation: "organisations' teams"}[k]
	}
	return strings.Join(out, " and ")
}

// checkReleases runs once every inject is known: triggers may only release
// contingency injects, or an inject would come out twice.
func (p *parser) checkReleases(v *yaml.Node, keys []string, owner string) {
	for _, k := range keys {
		in, ok := p.injectByKey[k]
		if ok && !in.Contingency {
			p.errorf(itemWithValue(v, k), "%s releases inject %q, which is not a contingency inject; add contingency: true to it (and remove its at/after), or release another inject", owner, k)
		}
	}
}

func itemWithValue(v *yaml.Node, value string) *yaml.Node {
	for _, it := range v.Content {
		if it.Value == value {
			return it
		}
	}
	return v
}

var scales = []string{string(ScalePSMU), string(ScaleNumeric)}

func (p *parser) rubric(v *yaml.Node) Rubric {
	var r Rubric
	const owner = "the rubric"
	p.object(v, owner, []field{
		{"scale", true, func(v *yaml.Node, l string) { r.Scale = Scale(p.enum(v, l, scales)) }},
		{"criteria", true, func(v *yaml.Node, l string) {
			r.Criteria = each(p, v, l, MaxCriteria, p.criterion)
			p.atLeast(v, len(r.Criteria), 1, owner+" needs at least one criterion")
		}},
	})
	return r
}

func (p *parser) criterion(n *yaml.Node, i int) Criterion {
	var c Criterion
	owner := name("criterion", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.criteria, &c.Key)},
		{"title", true, p.textField(&c.Title, MaxTitleLen)},
		{"description", true, p.textField(&c.Description, MaxDescLen)},
		{"cbms", false, p.cbms(&c.CBMs)},
		{"injects", false, p.refs(p.injects, &c.Injects, owner, MaxListItems)},
		{"objective", false, p.ref(p.objectives, &c.Objective, owner)},
	})
	return c
}

// injectsDeclared indexes the decoded injects for the checks that run later.
func (p *parser) injectsDeclared(s *Scenario) {
	p.injectByKey = make(map[string]*Inject, len(s.Injects))
	for i := range s.Injects {
		if _, dup := p.injectByKey[s.Injects[i].Key]; !dup && s.Injects[i].Key != "" {
			p.injectByKey[s.Injects[i].Key] = &s.Injects[i]
		}
	}
}
