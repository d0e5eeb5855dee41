package scenario

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// actionNodes remembers where an expected action's matcher fields were
// written, for the checks between them.
type actionNodes map[string]*yaml.Node

func (p *parser) expectedActions(v *yaml.Node, label, owner string, in *Inject) []ExpectedAction {
	ix := newIndex("expected action", "expected actions")
	return each(p, v, label, MaxExpectedActions, func(n *yaml.Node, i int) ExpectedAction {
		var a ExpectedAction
		aOwner := name("expected action", n, i) + " of " + owner
		nodes := actionNodes{}
		track := func(name string, f func(*yaml.Node, string)) field {
			return field{name, name == "key" || name == "text", func(v *yaml.Node, l string) { nodes[name] = v; f(v, l) }}
		}
		ok := p.object(n, aOwner, []field{
			track("key", p.define(ix, &a.Key)),
			track("team", func(v *yaml.Node, l string) { a.Teams = p.actionTeams(v, l, aOwner, in) }),
			track("text", p.textField(&a.Text, MaxShortTextLen)),
			track("shown_by", func(v *yaml.Node, l string) { a.ShownBy = ShownBy(p.enum(v, l, shownByNames)) }),
			track("observable", func(v *yaml.Node, l string) { a.NotObservable = !p.boolean(v, l) && v.Tag == "!!bool" }),
			track("to", func(v *yaml.Node, l string) { a.To = p.recipients(v, l, aOwner) }),
			track("channels", p.refs(p.channels, &a.Channels, aOwner, MaxListItems)),
			track("kind", func(v *yaml.Node, l string) { a.Kind = RequestKind(p.enum(v, l, requestKinds)) }),
			track("cbms", p.cbms(&a.CBMs)),
			track("from", func(v *yaml.Node, l string) { a.From = WindowStart(p.enum(v, l, windowStartNames)) }),
			track("within", func(v *yaml.Node, l string) {
				p.durationPtr(&a.Within)(v, l)
				if a.Within != nil && *a.Within == 0 {
					p.errorf(v, "%s is zero; give the time the team has, e.g. 20m", l)
				}
			}),
		})
		if ok {
			p.checkMatcher(&a, nodes, aOwner)
			if nodes["channels"] != nil {
				p.afterAll(func() { p.checkActionChannels(nodes["channels"], a, in, aOwner) })
			}
		}
		return a
	})
}

var (
	shownByNames     = names(ShownByValues)
	windowStartNames = names(WindowStarts)
)

func names[T ~string](xs []T) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = string(x)
	}
	return out
}

// recipients decodes to: one recipient or a list of them, any of which a
// message may go to. A recipient is a team key, any_team, control or
// actor:<key>.
func (p *parser) recipients(v *yaml.Node, label, owner string) []string {
	items := []*yaml.Node{v}
	if v.Kind == yaml.SequenceNode {
		items = p.list(v, label, MaxListItems)
		if len(items) == 0 {
			p.errorf(v, "%s is an empty list; name a team, any_team or control, or remove it", label)
		}
	}
	var out []string
	for _, it := range items {
		s, ok := p.scalar(it, label)
		if !ok {
			continue
		}
		if slices.Contains(out, s) {
			p.errorf(it, "%s: %q appears twice", label, s)
			continue
		}
		out = append(out, s)
		p.afterAll(func() { p.checkRecipient(it, s, owner) })
	}
	return out
}

func (p *parser) checkRecipient(v *yaml.Node, s, owner string) {
	if s == ToAnyTeam || s == ToControl {
		if p.teams.has(s) {
			p.errorf(v, "%s sends to %q, which is both a team key and the word for %s; rename the team", owner, s, map[string]string{ToAnyTeam: "any team", ToControl: "the exercise control"}[s])
		}
		return
	}
	if p.teams.has(s) {
		return
	}
	if strings.HasPrefix(s, ActorPrefix) {
		p.checkActorRecipient(v, s, owner)
		return
	}
	known := append([]string{ToAnyTeam, ToControl}, p.teams.keys...)
	p.errorf(v, "%s sends to %q, which is not a team; write a team key, any_team or control (%s)%s", owner, s, p.teams.list(), didYouMean(s, known))
}

// checkMatcher enforces what the matcher fields mean together.
func (p *parser) checkMatcher(a *ExpectedAction, nodes actionNodes, owner string) {
	message := []string{"to", "channels", "kind"}
	if a.NotObservable {
		for _, f := range append(message, "shown_by", "from", "within") {
			if nodes[f] != nil {
				p.errorf(nodes[f], "%s is not observable (the evaluators judge it), so %s has no use; remove it", owner, f)
			}
		}
		return
	}
	if a.Shows() != ShownByMessage {
		for _, f := range message {
			if nodes[f] != nil {
				p.errorf(nodes[f], "%s is shown by %s, not by a message, so %s has no use; remove it or write shown_by: message", owner, a.ShownBy, f)
			}
		}
	}
	for _, team := range a.Teams {
		if len(a.To) > 0 && !slices.ContainsFunc(a.To, func(to string) bool { return to != team }) {
			p.errorf(nodes["to"], "%s: team %q could only show it by a message to itself; name another recipient in to", owner, team)
		}
	}
	if len(a.Channels) > 0 && !slices.ContainsFunc(a.Channels, func(k string) bool { return !controlChannel(k) }) && slices.ContainsFunc(a.To, func(s string) bool { return s != ToControl }) {
		p.errorf(nodes["to"], "%s: the control channel reaches only the exercise control, so to can only be control", owner)
	}
}

// actionTeams decodes team: one team key or a list of them, each of which
// must receive the inject.
func (p *parser) actionTeams(v *yaml.Node, label, owner string, in *Inject) []string {
	var out []string
	if v.Kind == yaml.SequenceNode {
		p.refs(p.teams, &out, owner, MaxTeams)(v, label)
		if len(v.Content) == 0 {
			p.errorf(v, "%s is an empty list; name a team, or remove team for every team that receives the inject", label)
		}
		for _, it := range v.Content {
			p.afterAll(func() { p.checkActionTeam(it, it.Value, owner, in) })
		}
		return out
	}
	var team string
	p.ref(p.teams, &team, owner)(v, label)
	p.afterAll(func() { p.checkActionTeam(v, team, owner, in) })
	if team == "" {
		return nil
	}
	return []string{team}
}

// checkActionTeam reports an expected action for a team that never sees the inject.
func (p *parser) checkActionTeam(v *yaml.Node, team, owner string, in *Inject) {
	if team == "" || !p.teams.has(team) || in.Audience.All || in.Audience.Facilitators || in.Audience.Includes(team) {
		return
	}
	p.errorf(v, "%s expects something of team %q, which is not in the inject's audience (%s)", owner, team, strings.Join(in.Audience.Teams, ", "))
}

// checkActionChannels weighs an action's channels against the kinds of the
// teams it is expected of. Named in team, an organisation's team that may
// use none of them could never show the action: an error. Left implicit
// (every team in the audience), the action is read as expected of the teams
// that may use one of them ("at least one State uses the OSCE network"), so
// the organisations are not judged on a channel that is not theirs.
func (p *parser) checkActionChannels(v *yaml.Node, a ExpectedAction, in *Inject, owner string) {
	if p.scen == nil || len(a.Channels) == 0 {
		return
	}
	teams, implicit := a.Teams, len(a.Teams) == 0
	if implicit {
		teams = in.Audience.Teams
		if in.Audience.All {
			teams = nil
			for _, t := range p.scen.Teams {
				teams = append(teams, t.Key)
			}
		}
	}
	var unable []string
	for _, key := range teams {
		if t, ok := p.scen.Team(key); ok && t.Kind != "" && !p.anyChannelAllows(a.Channels, t.Kind) {
			unable = append(unable, key)
		}
	}
	if implicit && len(unable) < len(teams) {
		p.setUnable(in, a.Key, unable)
		return
	}
	for _, key := range unable {
		t, _ := p.scen.Team(key)
		p.errorf(v, "%s is expected of team %q, which is %s and may not use %s; add a channel it may use (%s), or name in team the teams it is expected of",
			owner, key, kindPhrase(t.Kind), strings.Join(a.Channels, ", "), strings.Join(p.scen.ChannelsFor(t.Kind), ", "))
	}
}

func (p *parser) anyChannelAllows(channels []string, kind TeamKind) bool {
	return slices.ContainsFunc(channels, func(ch string) bool {
		c, known := p.scen.Channel(ch)
		return !known || c.Allows(kind)
	})
}

// setUnable records, on the decoded action (whose list the scenario
// shares), the audience teams that may use none of its channels.
func (p *parser) setUnable(in *Inject, key string, unable []string) {
	for i := range in.ExpectedActions {
		if in.ExpectedActions[i].Key == key {
			in.ExpectedActions[i].unable = unable
		}
	}
}

// controlChannel tells the default channel that carries messages to the
// exercise control only.
func controlChannel(key string) bool {
	return slices.ContainsFunc(DefaultChannels, func(c Channel) bool { return c.Key == key && c.Control })
}
