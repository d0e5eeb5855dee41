package scenario

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
)

// Text is one string of a scenario that a person reads, under the stable
// key a translation refers to it by: "injects.power-cut.body",
// "phases.p1.questions.q1.text". Keys, times and structure are never
// translated; only these strings are.
type Text struct {
	Key   string
	Value string
	// Markdown is set for texts that are rendered as Markdown (briefings,
	// bodies, situations), so a translation tool can keep the markup.
	Markdown bool
}

// textRef is a translatable string in place: localising a scenario writes
// through the pointer of a copy.
type textRef struct {
	key      string
	p        *string
	markdown bool
}

// refs lists every translatable string of s in reading order (the order
// of the file), pointing into s itself.
func (s *Scenario) refs() []textRef {
	var out []textRef
	add := func(key string, p *string, md bool) {
		if strings.TrimSpace(*p) != "" {
			out = append(out, textRef{key, p, md})
		}
	}
	add("title", &s.Title, false)
	add("summary", &s.Summary, true)
	for i := range s.Objectives {
		o := &s.Objectives[i]
		add("objectives."+o.Key+".text", &o.Text, false)
	}
	for i := range s.Channels {
		c := &s.Channels[i]
		add("channels."+c.Key+".title", &c.Title, false)
	}
	for i := range s.Teams {
		t := &s.Teams[i]
		k := "teams." + t.Key
		add(k+".name", &t.Name, false)
		add(k+".briefing", &t.Briefing, true)
		for j := range t.PointsOfContact {
			pc := &t.PointsOfContact[j]
			pk := k + ".points_of_contact." + strconv.Itoa(j+1)
			add(pk+".name", &pc.Name, false)
			add(pk+".hours", &pc.Hours, false)
		}
	}
	for i := range s.Actors {
		a := &s.Actors[i]
		add("actors."+a.Key+".name", &a.Name, false)
		add("actors."+a.Key+".note", &a.Note, true)
	}
	for i := range s.Phases {
		ph := &s.Phases[i]
		k := "phases." + ph.Key
		add(k+".title", &ph.Title, false)
		add(k+".clock", &ph.Clock, false)
		add(k+".situation", &ph.Situation, true)
		for j := range ph.Questions {
			q := &ph.Questions[j]
			add(k+".questions."+q.Key+".text", &q.Text, false)
		}
	}
	for i := range s.Injects {
		in := &s.Injects[i]
		k := "injects." + in.Key
		add(k+".title", &in.Title, false)
		add(k+".from", &in.From, false)
		add(k+".body", &in.Body, true)
		add(k+".facilitator_notes", &in.FacilitatorNotes, true)
		for j := range in.ExpectedActions {
			a := &in.ExpectedActions[j]
			add(k+".expected_actions."+a.Key+".text", &a.Text, false)
		}
	}
	for i := range s.Triggers {
		t := &s.Triggers[i]
		add("triggers."+t.Key+".title", &t.Title, false)
		add("triggers."+t.Key+".prompt", &t.Condition.Prompt, false)
	}
	for i := range s.Rubric.Criteria {
		c := &s.Rubric.Criteria[i]
		add("rubric.criteria."+c.Key+".title", &c.Title, false)
		add("rubric.criteria."+c.Key+".description", &c.Description, true)
	}
	return out
}

// Texts lists every string of the scenario a person reads, in the order of
// the file.
func (s *Scenario) Texts() []Text {
	refs := s.refs()
	out := make([]Text, len(refs))
	for i, r := range refs {
		out[i] = Text{Key: r.key, Value: *r.p, Markdown: r.markdown}
	}
	return out
}

// SourceLanguage is the language the scenario file is written in: the
// first of its languages.
func (s *Scenario) SourceLanguage() string {
	if len(s.Languages) == 0 {
		return "en"
	}
	return s.Languages[0]
}

// Fingerprint identifies a source text, so a translation can say which
// text it translated and be found stale when the source changes. Leading
// and trailing space does not count: re-indenting a block is no change.
func Fingerprint(text string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(text)))
	return hex.EncodeToString(sum[:4])
}

// clone copies s deeply enough that writing its texts leaves s untouched:
// every slice of structs holding a translatable string is copied.
func (s *Scenario) clone() *Scenario {
	c := *s
	c.Objectives = slices.Clone(s.Objectives)
	c.Channels = slices.Clone(s.Channels)
	c.Teams = slices.Clone(s.Teams)
	for i := range c.Teams {
		c.Teams[i].PointsOfContact = slices.Clone(c.Teams[i].PointsOfContact)
	}
	c.Actors = slices.Clone(s.Actors)
	c.Phases = slices.Clone(s.Phases)
	for i := range c.Phases {
		c.Phases[i].Questions = slices.Clone(c.Phases[i].Questions)
	}
	c.Injects = slices.Clone(s.Injects)
	for i := range c.Injects {
		c.Injects[i].ExpectedActions = slices.Clone(c.Injects[i].ExpectedActions)
	}
	c.Triggers = slices.Clone(s.Triggers)
	c.Rubric.Criteria = slices.Clone(s.Rubric.Criteria)
	return &c
}
