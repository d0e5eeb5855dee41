package exercise

import (
	"sort"
	"time"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// The states of an inject on the facilitators' timeline (the MSEL as it
// stands). An inject is pending until it goes out, or waiting when it is a
// contingency inject that only a trigger or a facilitator releases; a
// facilitator may hold or skip it; once out it is released, whatever it was
// before.
const (
	InjectPending  = "pending"
	InjectWaiting  = "waiting"
	InjectHeld     = "held"
	InjectSkipped  = "skipped"
	InjectReleased = "released"
)

// InjectState is one inject of the timeline and where it stands.
type InjectState struct {
	Key, Title, Phase, Channel, From string
	Audience                         Audience
	// Scheduled is when the script puts it, in exercise time; nil when no
	// time is known yet (held, skipped, released, a contingency inject, or
	// timed after an inject not yet released).
	Scheduled        *time.Duration
	Contingency      bool
	State            string
	Released         *ReleasedInject // once released: when, how, to whom
	Skip             *SkipFact       // once skipped: by whom, when
	Body             string
	FacilitatorNotes string
}

// Timeline is the facilitators' view of the injects at exercise time now:
// the scenario's, in its order, then the ad-hoc ones in the order they were
// sent.
func (p *Projection) Timeline(sc *scenario.Scenario, teams []Team, now time.Duration) []InjectState {
	st := p.State(now)
	out := make([]InjectState, 0, len(sc.Injects))
	for _, in := range sc.Injects {
		is := InjectState{Key: in.Key, Title: in.Title, Phase: in.Phase, Channel: string(in.Channel), From: in.From,
			Audience: AudienceOf(in.Audience, teams), Contingency: in.Contingency, State: InjectPending,
			Body: in.Body, FacilitatorNotes: in.FacilitatorNotes}
		if at, ok := ScheduledAt(in, st); ok {
			is.Scheduled = &at
		} else if in.Contingency {
			is.State = InjectWaiting
		}
		out = append(out, p.settled(is))
	}
	for _, r := range p.releasedInOrder(func(r ReleasedInject) bool { return r.Source == "adhoc" }) {
		out = append(out, p.settled(InjectState{Key: r.Key, Title: r.Title, Channel: r.Channel, From: r.From, Audience: r.Audience, Body: r.Body}))
	}
	return out
}

// settled applies the facilitators' decisions and the release: a released
// inject is released even if it was held or skipped before.
func (p *Projection) settled(is InjectState) InjectState {
	switch {
	case p.Skipped[is.Key]:
		is.State = InjectSkipped
		if f, ok := p.SkipInfo[is.Key]; ok {
			is.Skip = &f
		}
	case p.Held[is.Key]:
		is.State = InjectHeld
	}
	if r, ok := p.ReleasedInfo[is.Key]; ok {
		is.State, is.Released = InjectReleased, &r
	}
	return is
}

// VisibleReleases lists the released injects v may see, newest first: what
// a team or an observer has received so far.
func (p *Projection) VisibleReleases(v Viewer) []ReleasedInject {
	out := p.releasedInOrder(func(r ReleasedInject) bool { return CanSee(v, r.Audience) })
	for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
		out[i], out[j] = out[j], out[i]
	}
	return out
}

// releasedInOrder lists the released injects that keep accepts, oldest
// first.
func (p *Projection) releasedInOrder(keep func(ReleasedInject) bool) []ReleasedInject {
	out := make([]ReleasedInject, 0, len(p.ReleasedInfo))
	for _, r := range p.ReleasedInfo {
		if keep(r) {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}
