package exercise

import (
	"context"
	"slices"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Where a message's CBM tag came from.
const (
	TagBySender      = "sender"      // the sender ticked it
	TagByChannel     = "channel"     // the channel suggested it and the sender kept it
	TagByKind        = "kind"        // the request kind suggested it and the sender kept it
	TagByRequest     = "request"     // an answer carries the tags of the request it answers
	TagByFacilitator = "facilitator" // a facilitator's correction added it
)

// tagSources says, for each tag a message goes out with, whether the sender
// chose it or kept what its channel or request kind suggests. The server
// knows the suggestions (the scenario's channels and the kinds' table), so
// the record does not depend on what a browser claims.
func tagSources(sc *scenario.Scenario, o Outgoing) map[string]string {
	ch, _ := sc.Channel(o.Channel)
	kind := sc.KindCBMs(scenario.RequestKind(o.Kind))
	out := make(map[string]string, len(o.CBMs))
	for _, c := range o.CBMs {
		switch {
		case slices.Contains(ch.CBMs, c):
			out[c] = TagByChannel
		case slices.Contains(kind, c):
			out[c] = TagByKind
		default:
			out[c] = TagBySender
		}
	}
	return out
}

// sourcesOf gives every tag the one source.
func sourcesOf(cbms []string, source string) map[string]string {
	out := make(map[string]string, len(cbms))
	for _, c := range cbms {
		out[c] = source
	}
	return out
}

// TagSource says where one of the tags the message counts for came from:
// TagByFacilitator when only the facilitators' correction has it, else
// what was recorded when it was sent ("" for messages sent before that).
func (m *Message) TagSource(cbm string) string {
	if m.Retag != nil && !slices.Contains(m.CBMs, cbm) {
		return TagByFacilitator
	}
	return m.TagSources[cbm]
}

// Retag records the facilitators' judgement of which CBMs a message used; the
// sender's own tags stay as they were, beside it.
func (s *Service) Retag(ctx context.Context, exerciseID, seq int64, cbms []string, by string) error {
	sc, err := s.scenarioOf(ctx, exerciseID)
	if err != nil {
		return err
	}
	p, err := s.Projection(ctx, exerciseID)
	if err != nil {
		return err
	}
	if p.Mail[seq] == nil {
		return apperr.NotFound("message")
	}
	if msg := s.checkTags(sc, cbms); msg != "" {
		return apperr.Invalid(map[string]string{"cbms": msg})
	}
	_, err = s.append(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvRetagged, Audience: StaffOnly, Data: RetagData{Message: seq, CBMs: dedupeS(cbms), By: by}}}}, nil
	})
	return err
}
