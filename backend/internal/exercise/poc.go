package exercise

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/cbmex/cbmex/backend/internal/apperr"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// SetPoC replaces a team's points-of-contact entries; every team sees the
// directory, as in the real CBM 8 network.
func (s *Service) SetPoC(ctx context.Context, exerciseID, teamID int64, entries []PoCEntry, by string) error {
	if err := s.checkInPlay(ctx, exerciseID); err != nil {
		return err
	}
	sc, teams, err := s.scenarioAndTeams(ctx, exerciseID)
	if err != nil {
		return err
	}
	if err := checkPoC(sc.AllChannels(), entries); err != nil {
		return err
	}
	if err := checkPoCKinds(sc, senderKind(sc, teams, Sender{TeamID: teamID}), entries); err != nil {
		return err
	}
	_, err = s.playAppend(ctx, exerciseID, func(*Exercise) (Write, error) {
		return Write{Events: []NewEvent{{Type: EvPoCUpdated, Audience: Everyone, Data: PoCData{TeamID: teamID, Entries: entries, By: by}}}}, nil
	})
	return err
}

func checkPoC(channels []scenario.Channel, entries []PoCEntry) error {
	if len(entries) > 6 {
		return apperr.Invalid(map[string]string{"entries": "List at most six points of contact."})
	}
	for i := range entries {
		e := &entries[i]
		e.Name, e.Hours = strings.TrimSpace(e.Name), strings.TrimSpace(e.Hours)
		switch {
		case e.Role != "policy" && e.Role != "technical":
			return apperr.Invalid(map[string]string{"entries": "Each point of contact is policy or technical."})
		case e.Name == "" || utf8.RuneCountInString(e.Name) > 200 || utf8.RuneCountInString(e.Hours) > 100:
			return apperr.Invalid(map[string]string{"entries": "Give each point of contact a name (at most 200 characters)."})
		case e.Channel != "" && !slices.ContainsFunc(channels, func(c scenario.Channel) bool { return c.Key == e.Channel }):
			return apperr.Invalid(map[string]string{"entries": "Choose one of the exercise's channels for each point of contact."})
		}
		if e.Languages == nil {
			e.Languages = []string{}
		}
	}
	return nil
}

// checkPoCKinds refuses an entry that names a channel the team's kind may not
// use: an organisation's contact is not reachable on the States' formal
// channels (the OSCE Communications Network, diplomatic notes, consultation
// requests), so the directory must not offer it there.
func checkPoCKinds(sc *scenario.Scenario, kind scenario.TeamKind, entries []PoCEntry) error {
	if kind == "" {
		return nil
	}
	for _, e := range entries {
		ch, ok := sc.Channel(e.Channel)
		if !ok || ch.Allows(kind) {
			continue
		}
		var open []string
		for _, c := range sc.AllChannels() {
			if c.Allows(kind) && !c.Control {
				open = append(open, c.Title)
			}
		}
		who, yours := "participating States' teams", "an organisation"
		if kind == scenario.KindState {
			who, yours = "organisations' teams", "a participating State"
		}
		return apperr.Invalid(map[string]string{"entries": "The channel \"" + ch.Title + "\" is for " + who + " only; " +
			"your team plays " + yours + " and can be reached on: " + strings.Join(open, ", ") + "."})
	}
	return nil
}
