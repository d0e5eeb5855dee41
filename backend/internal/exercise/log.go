package exercise

import "context"

// Events returns the log entries after seq that v may see, reading at most
// limit entries; last is the sequence number read up to, to page on from.
func (s *Service) Events(ctx context.Context, v Viewer, exerciseID, after int64, limit int) (visible []Event, last int64, err error) {
	evs, err := s.store.Events(ctx, exerciseID, after, limit)
	if err != nil {
		return nil, after, err
	}
	last = after
	for _, e := range evs {
		last = e.Seq
		if CanSee(v, e.Audience) {
			visible = append(visible, e)
		}
	}
	if v.Language != "" && anyLocalizable(visible) {
		ex, err := s.store.Exercise(ctx, exerciseID)
		if err != nil {
			return nil, after, err
		}
		if visible, err = s.Localize(ctx, ex, visible, v.Language); err != nil {
			return nil, after, err
		}
	}
	return visible, last, nil
}

// AllEvents reads an exercise's whole log, in order.
func (s *Service) AllEvents(ctx context.Context, exerciseID int64) ([]Event, error) {
	var out []Event
	after := int64(0)
	for {
		evs, err := s.store.Events(ctx, exerciseID, after, 5000)
		if err != nil {
			return nil, err
		}
		out = append(out, evs...)
		if len(evs) < 5000 {
			return out, nil
		}
		after = evs[len(evs)-1].Seq
	}
}
