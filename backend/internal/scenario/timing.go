package scenario

import (
	"fmt"
	"strings"
	"time"
)

// checkTiming runs after every reference is resolved: it needs the whole
// file to follow after chains and compare offsets with phases and duration.
func (p *parser) checkTiming(s *Scenario) {
	p.checkPhaseStarts(s)
	abs, cycles := offsets(s.Injects)
	p.reportCycles(cycles)
	phaseStart := map[string]time.Duration{}
	for i, ph := range s.Phases {
		if i < len(p.phaseStarts) && p.phaseStarts[i] != nil {
			phaseStart[ph.Key] = ph.StartsAt
		}
	}
	for i, t := range p.timing {
		at, ok := abs[t.key]
		// With duplicated keys (already reported), abs describes the first
		// inject of that key only.
		if !ok || i >= len(s.Injects) || p.injectByKey[t.key] != &s.Injects[i] {
			continue
		}
		p.checkInjectTime(s, &s.Injects[i], t, at, phaseStart)
	}
	for _, dt := range p.deadlines {
		p.checkDeadline(s, dt, abs)
	}
}

func (p *parser) checkPhaseStarts(s *Scenario) {
	var prev *Phase
	for i := range s.Phases {
		ph, node := &s.Phases[i], p.phaseStarts[i]
		if node == nil {
			continue
		}
		switch {
		case i == 0 && ph.StartsAt != 0:
			p.errorf(node, "the first phase, %q, starts at %s; it must start at 0m, when the exercise starts", ph.Key, fmtDur(ph.StartsAt))
		case prev != nil && ph.StartsAt <= prev.StartsAt:
			p.errorf(node, "phase %q starts at %s, not after the phase before it (%q at %s); phases are listed in order and start one after the other", ph.Key, fmtDur(ph.StartsAt), prev.Key, fmtDur(prev.StartsAt))
		case s.Duration > 0 && ph.StartsAt >= s.Duration:
			p.errorf(node, "phase %q starts at %s, when the exercise is already over (duration %s)", ph.Key, fmtDur(ph.StartsAt), fmtDur(s.Duration))
		}
		prev = ph
	}
}

func (p *parser) reportCycles(cycles [][]string) {
	for _, c := range cycles {
		node := p.injects.at[c[0]]
		for _, t := range p.timing {
			if t.key == c[0] && t.after != nil {
				node = t.after
				break
			}
		}
		p.errorf(node, "injects are timed after each other in a circle: %s; one of them needs a fixed at: time", strings.Join(c, " → "))
	}
}

func (p *parser) checkInjectTime(s *Scenario, in *Inject, t injectTiming, at time.Duration, phaseStart map[string]time.Duration) {
	node, how := t.at, ""
	if in.At == nil && in.After != nil {
		node, how = t.after, fmt.Sprintf(" (%s after %q)", fmtDur(in.After.Delay), in.After.Inject)
	}
	if node == nil {
		return
	}
	if s.Duration > 0 && at > s.Duration {
		p.errorf(node, "inject %q would be released at %s%s, after the exercise ends (duration %s)", in.Key, fmtDur(at), how, fmtDur(s.Duration))
		return
	}
	if start, ok := phaseStart[in.Phase]; ok && at < start {
		p.errorf(node, "inject %q would be released at %s%s, before its phase %q starts (at %s); move it to an earlier phase or release it later", in.Key, fmtDur(at), how, in.Phase, fmtDur(start))
	}
}

func (p *parser) checkDeadline(s *Scenario, dt deadlineTiming, abs map[string]time.Duration) {
	if s.Duration == 0 {
		return
	}
	dl := dt.deadline
	switch {
	case dl.At != nil && *dl.At > s.Duration:
		p.errorf(dt.node, "the deadline of %s is %s, after the exercise ends (duration %s)", dt.owner, fmtDur(*dl.At), fmtDur(s.Duration))
	case dl.After != nil:
		base, ok := abs[dl.After.Inject]
		if ok && base+dl.After.Delay > s.Duration {
			p.errorf(dt.node, "the deadline of %s falls at %s (%s after %q), after the exercise ends (duration %s)",
				dt.owner, fmtDur(base+dl.After.Delay), fmtDur(dl.After.Delay), dl.After.Inject, fmtDur(s.Duration))
		}
	}
}
