package scenario

import (
	"sort"
	"time"
)

// ScheduledInject is an inject whose release time the script fixes.
type ScheduledInject struct {
	Key string
	At  time.Duration // from the start of the exercise
}

// Schedule lists the injects whose release time is fixed by the script (an
// at offset, or an after chain that ends in one), in release order; ties keep
// file order. Contingency injects, and injects timed after one, are absent:
// they wait for a trigger or a facilitator, and then follow their delays.
func (s *Scenario) Schedule() []ScheduledInject {
	abs, _ := offsets(s.Injects)
	out := make([]ScheduledInject, 0, len(abs))
	for _, in := range s.Injects {
		if at, ok := abs[in.Key]; ok {
			out = append(out, ScheduledInject{Key: in.Key, At: at})
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].At < out[j].At })
	return out
}

// ReleaseOffset returns when the script releases the inject, if it is fixed.
func (s *Scenario) ReleaseOffset(key string) (time.Duration, bool) {
	abs, _ := offsets(s.Injects)
	at, ok := abs[key]
	return at, ok
}

// offsets follows every after chain to compute absolute release times. It
// returns the cycles it met, each as the list of keys with the first repeated
// at the end (a → b → a). An inject with at is never part of a chain beyond
// itself, even if it also (wrongly) has after.
func offsets(injects []Inject) (map[string]time.Duration, [][]string) {
	byKey := make(map[string]*Inject, len(injects))
	for i := range injects {
		if _, dup := byKey[injects[i].Key]; !dup {
			byKey[injects[i].Key] = &injects[i]
		}
	}
	abs := make(map[string]time.Duration, len(injects))
	done := make(map[string]bool, len(injects))
	var cycles [][]string
	for i := range injects {
		path, cycle := chain(injects[i].Key, byKey, done)
		if cycle != nil {
			cycles = append(cycles, cycle)
		}
		// Resolve from the root of the chain towards this inject.
		for j := len(path) - 1; j >= 0; j-- {
			in := byKey[path[j]]
			done[in.Key] = true
			switch {
			case in.At != nil:
				abs[in.Key] = *in.At
			case in.After != nil && !in.Contingency:
				if base, ok := abs[in.After.Inject]; ok {
					abs[in.Key] = base + in.After.Delay
				}
			}
		}
	}
	return abs, cycles
}

// chain walks after links from key until an inject already resolved, one
// with at or without after, an unknown key, or a cycle.
func chain(key string, byKey map[string]*Inject, done map[string]bool) (path, cycle []string) {
	onPath := map[string]int{}
	for {
		if done[key] {
			return path, nil
		}
		if i, seen := onPath[key]; seen {
			return path, append(append([]string(nil), path[i:]...), key)
		}
		in, ok := byKey[key]
		if !ok {
			return path, nil
		}
		onPath[key] = len(path)
		path = append(path, key)
		if in.At != nil || in.After == nil || in.Contingency {
			return path, nil
		}
		key = in.After.Inject
	}
}
