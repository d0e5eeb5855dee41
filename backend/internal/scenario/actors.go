package scenario

import (
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// Actor is someone the teams can write to who is not at the table: the OSCE
// Secretariat, the Chairmanship, a regulator, a vendor, the press. The
// facilitators of the control cell (the "white cell") play every actor.
type Actor struct {
	Key  string
	Name string
	Kind ActorKind
	// Channels are the channel keys on which the actor can be reached.
	Channels []string
	// Note tells the facilitator how the actor behaves; staff only.
	Note string
}

// ActorKind says what sort of body an actor is.
type ActorKind string

const (
	ActorInternational ActorKind = "international_organisation"
	ActorNational      ActorKind = "national_authority"
	ActorCompany       ActorKind = "company"
	ActorMedia         ActorKind = "media"
	ActorOther         ActorKind = "other"
)

// ActorKinds lists every actor kind.
var ActorKinds = []ActorKind{ActorInternational, ActorNational, ActorCompany, ActorMedia, ActorOther}

// ActorPrefix marks an actor among the recipients of an expected action's
// to: "actor:secretariat".
const ActorPrefix = "actor:"

// MaxActors is how many actors a scenario may declare.
const MaxActors = 20

var actorKindNames = names(ActorKinds)

func (p *parser) actor(n *yaml.Node, i int) Actor {
	var a Actor
	owner := name("actor", n, i)
	p.object(n, owner, []field{
		{"key", true, p.define(p.actors, &a.Key)},
		{"name", true, p.textField(&a.Name, MaxTitleLen)},
		{"kind", true, func(v *yaml.Node, l string) { a.Kind = ActorKind(p.enum(v, l, actorKindNames)) }},
		{"channels", true, func(v *yaml.Node, l string) {
			p.refs(p.channels, &a.Channels, owner, MaxListItems)(v, l)
			p.atLeast(v, len(a.Channels), 1, owner+" needs at least one channel on which teams can reach it")
			p.actorChannels(v, owner)
		}},
		{"note", false, p.textField(&a.Note, MaxDescLen)},
	})
	return a
}

// actorChannels refuses the channels that cannot carry a message to one
// actor: public statements reach every team, and the control channel
// reaches the facilitators as themselves.
func (p *parser) actorChannels(v *yaml.Node, owner string) {
	if v.Kind != yaml.SequenceNode {
		return
	}
	for _, it := range v.Content {
		for _, c := range DefaultChannels {
			if c.Key == it.Value && (c.AllTeams || c.Control) {
				p.errorf(it, "%s cannot be reached on %s, which is not addressed to anyone in particular; use poc_hotline, osce_network, diplomatic_note, consultation_request or a scenario channel", owner, c.Key)
			}
		}
	}
}

// checkActorRecipient checks "actor:<key>" in an expected action's to.
func (p *parser) checkActorRecipient(v *yaml.Node, s, owner string) {
	key := strings.TrimPrefix(s, ActorPrefix)
	if p.actors.has(key) {
		return
	}
	known := make([]string, len(p.actors.keys))
	for i, k := range p.actors.keys {
		known[i] = ActorPrefix + k
	}
	p.errorf(v, "%s sends to %q, but the scenario has no actor %q (%s)%s", owner, s, key, p.actors.list(), didYouMean(s, known))
}

// Actor returns the actor with the key.
func (s *Scenario) Actor(key string) (*Actor, bool) {
	i := slices.IndexFunc(s.Actors, func(a Actor) bool { return a.Key == key })
	if i < 0 {
		return nil, false
	}
	return &s.Actors[i], true
}

// Reachable tells whether the actor can be reached on the channel.
func (a *Actor) Reachable(channel string) bool { return slices.Contains(a.Channels, channel) }

// InjectSource is the source an inject's card shows: its from, or the name
// of the actor it comes from when it has no from of its own.
func (s *Scenario) InjectSource(in *Inject) string {
	if in.From != "" || in.FromActor == "" {
		return in.From
	}
	if a, ok := s.Actor(in.FromActor); ok {
		return a.Name
	}
	return ""
}
