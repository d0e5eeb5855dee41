package scenario

import (
	"slices"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
)

// File is the name the scenario was parsed from.
func (s *Scenario) File() string { return s.file }

// Inject returns the inject with the given key.
func (s *Scenario) Inject(key string) (*Inject, bool) {
	for i := range s.Injects {
		if s.Injects[i].Key == key {
			return &s.Injects[i], true
		}
	}
	return nil, false
}

// Team returns the team with the given key.
func (s *Scenario) Team(key string) (*Team, bool) {
	for i := range s.Teams {
		if s.Teams[i].Key == key {
			return &s.Teams[i], true
		}
	}
	return nil, false
}

// Phase returns the phase with the given key.
func (s *Scenario) Phase(key string) (*Phase, bool) {
	for i := range s.Phases {
		if s.Phases[i].Key == key {
			return &s.Phases[i], true
		}
	}
	return nil, false
}

// PhaseAt returns the phase running at the given offset from the start.
func (s *Scenario) PhaseAt(offset time.Duration) *Phase {
	var cur *Phase
	for i := range s.Phases {
		if s.Phases[i].StartsAt <= offset {
			cur = &s.Phases[i]
		}
	}
	return cur
}

// AllChannels is the default channels followed by the scenario's own.
func (s *Scenario) AllChannels() []Channel {
	return append(append([]Channel(nil), DefaultChannels...), s.Channels...)
}

// Channel returns a default or scenario channel by key.
func (s *Scenario) Channel(key string) (Channel, bool) {
	for _, c := range s.AllChannels() {
		if c.Key == key {
			return c, true
		}
	}
	return Channel{}, false
}

// ChannelsFor lists the keys of the channels a team of the given kind may use.
func (s *Scenario) ChannelsFor(kind TeamKind) []string {
	var out []string
	for _, c := range s.AllChannels() {
		if c.Allows(kind) {
			out = append(out, c.Key)
		}
	}
	return out
}

// KindCBMs are the CBMs a request of the given kind suggests as tags: the
// one table the composer and the server share. They are numbers of the
// OSCE catalogue, so a scenario on another catalogue gets none.
func (s *Scenario) KindCBMs(kind RequestKind) []string {
	if s.Catalogue != cbm.DefaultID {
		return nil
	}
	return slices.Clone(kindCBMs[kind])
}

// AllCBMs is every CBM the scenario mentions anywhere (focus, objectives,
// channels, expected actions, triggers, rubric), in reading order (2 before
// 10): the columns of an after-action CBM × team heat map.
func (s *Scenario) AllCBMs() []string {
	seen := map[string]bool{}
	var out []string
	add := func(keys ...string) {
		for _, k := range keys {
			if k != "" && !seen[k] {
				seen[k] = true
				out = append(out, k)
			}
		}
	}
	add(s.CBMs...)
	for _, o := range s.Objectives {
		add(o.CBMs...)
	}
	for _, c := range s.Channels {
		add(c.CBMs...)
	}
	for _, in := range s.Injects {
		for _, a := range in.ExpectedActions {
			add(a.CBMs...)
		}
	}
	for _, t := range s.Triggers {
		add(t.Condition.CBM)
	}
	for _, c := range s.Rubric.Criteria {
		add(c.CBMs...)
	}
	cbm.SortKeys(out)
	return out
}
