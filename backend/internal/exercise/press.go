package exercise

import (
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Press and public pressure: besides the news and social-media injects, the
// control cell posts to the room's news feed as one of the scenario's media
// actors (a news agency, a trending account). Such a post is a message to
// every team on the inject channel news or social_media, from the actor:
// teams see the outlet, only the staff see which facilitator wrote it.

// pressChannels are the channels of the news feed a media actor posts on.
var pressChannels = []string{string(scenario.InjectNews), string(scenario.InjectSocialMedia)}

// pressChannel is the channel of a post to the news feed, when o is one:
// on news or social_media, by the control cell, as a media actor. refused
// says why a post on those channels is not allowed ("" when it is, or when
// o is not on them).
func pressChannel(sc *scenario.Scenario, from Sender, o Outgoing) (ch scenario.Channel, ok bool, refused string) {
	if !slices.Contains(pressChannels, o.Channel) {
		return scenario.Channel{}, false, ""
	}
	a, known := sc.Actor(strings.TrimSpace(o.AsActor))
	if from.TeamID != 0 || !known || a.Kind != scenario.ActorMedia {
		return scenario.Channel{}, false, "Only the exercise control posts to the news feed, as one of the scenario's media actors."
	}
	if o.Kind != "" {
		return scenario.Channel{}, false, "A post to the news feed is not a request; send it without a kind."
	}
	return scenario.Channel{Key: o.Channel, Title: o.Channel, AllTeams: true}, true, ""
}
