package scenario

import (
	"slices"
	"testing"
)

// borovianOrg makes the mini scenario's second team an organisation.
func borovianOrg(t *testing.T) string {
	return edit(t, mini(t), "    kind: state\n    briefing: You are Borovia.", "    kind: organisation\n    briefing: You are Borovia.")
}

func TestDefaultChannelKinds(t *testing.T) {
	statesOnly := map[string]bool{"osce_network": true, "diplomatic_note": true, "consultation_request": true}
	for _, c := range DefaultChannels {
		if got := !c.Allows(KindOrganisation); got != statesOnly[c.Key] {
			t.Errorf("channel %s: States only = %v, want %v", c.Key, got, statesOnly[c.Key])
		}
		if !c.Allows(KindState) {
			t.Errorf("channel %s refuses States", c.Key)
		}
	}
}

func TestOrganisationOnStatesChannels(t *testing.T) {
	const borovia = "  - key: borovia\n    name: Borovia\n    kind: organisation\n    briefing: You are Borovia.\n"
	poc := func(channel string) string {
		return borovia + "    points_of_contact:\n      - role: policy\n        name: Desk\n        channel: " + channel + "\n"
	}
	cases := []struct {
		name  string
		edits [][2]string // applied in order to the mini scenario with Borovia an organisation
		want  []string
	}{
		{name: "PoC pre-fill on the OSCE network", edits: [][2]string{{borovia, poc("osce_network")}},
			want: []string{`25:18: the channel of point of contact number 1 of team "borovia": team "borovia" is an organisation, and the channel "osce_network" is for participating States' teams only; that team may use poc_hotline, public_statement, control`}},
		{name: "PoC pre-fill on the hotline", edits: [][2]string{{borovia, poc("poc_hotline")}}},
		{name: "PoC pre-fill on a scenario channel for States",
			edits: [][2]string{{"teams:\n", "channels:\n  - key: capitals\n    title: Capitals line\n    kinds: [state]\nteams:\n"}, {borovia, poc("capitals")}},
			want:  []string{`29:18: the channel of point of contact number 1 of team "borovia": team "borovia" is an organisation, and the channel "capitals" is for participating States' teams only`}},
		{name: "scenario channel for every kind",
			edits: [][2]string{{"teams:\n", "channels:\n  - key: bridge\n    title: Operators' bridge\n    kinds: [state, organisation]\nteams:\n"}, {borovia, poc("bridge")}}},
		{name: "empty kinds", edits: [][2]string{{"teams:\n", "channels:\n  - key: bridge\n    title: Bridge\n    kinds: []\nteams:\n"}},
			want: []string{`16:12: the kinds of channel "bridge" is an empty list`}},
		{name: "unknown kind", edits: [][2]string{{"teams:\n", "channels:\n  - key: bridge\n    title: Bridge\n    kinds: [states]\nteams:\n"}},
			want: []string{`16:13: an entry of the kinds of channel "bridge" is "states"; it must be one of: state, organisation; did you mean "state"?`}},
		{name: "action named for the organisation, States' channels only",
			edits: [][2]string{{"team: aurelia", "team: borovia"}, {"        text: Aurelia calls Borovia.\n", "        text: Aurelia calls Borovia.\n        channels: [osce_network, diplomatic_note]\n"}},
			want:  []string{`45:19: expected action "call" of inject "blackout" is expected of team "borovia", which is an organisation and may not use osce_network, diplomatic_note; add a channel it may use (poc_hotline, public_statement, control)`}},
		{name: "action named for the organisation, one channel it may use",
			edits: [][2]string{{"team: aurelia", "team: borovia"}, {"        text: Aurelia calls Borovia.\n", "        text: Aurelia calls Borovia.\n        channels: [osce_network, poc_hotline]\n"}}},
		{name: "implicit action only organisations receive",
			edits: [][2]string{{"    at: 5m\n", "    at: 5m\n    audience: [borovia]\n"}, {"        team: aurelia\n", ""}, {"        text: Aurelia calls Borovia.\n", "        text: Aurelia calls Borovia.\n        channels: [osce_network]\n"}},
			want:  []string{`45:19: expected action "call" of inject "blackout" is expected of team "borovia", which is an organisation`}},
		{name: "trigger from the organisation on the OSCE network",
			edits: [][2]string{{"      from: aurelia\n      to: borovia\n", "      from: borovia\n      to: aurelia\n      channel: osce_network\n"}},
			want:  []string{`67:16: the condition of trigger "silent": team "borovia" is an organisation, and the channel "osce_network" is for participating States' teams only`}},
		{name: "trigger from a State on the OSCE network",
			edits: [][2]string{{"      to: borovia\n", "      to: borovia\n      channel: osce_network\n"}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			data := borovianOrg(t)
			for _, e := range c.edits {
				data = edit(t, data, e[0], e[1])
			}
			_, probs := Parse("f.yaml", []byte(data), nil)
			checkProblems(t, probs, c.want)
		})
	}
}

// An action left to every team of the audience is read as expected of the
// teams that may use one of its channels: "at least one State uses the
// network" does not mark the organisation down.
func TestImplicitActionSkipsOrganisations(t *testing.T) {
	data := edit(t, borovianOrg(t), "        team: aurelia\n", "")
	data = edit(t, data, "        text: Aurelia calls Borovia.\n", "        text: Someone uses the network.\n        channels: [osce_network]\n")
	s, probs := Parse("f.yaml", []byte(data), nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	a := s.Injects[0].ExpectedActions[0]
	if !a.ExpectedOf("aurelia") || a.ExpectedOf("borovia") {
		t.Errorf("expected of aurelia %v (want true), of borovia %v (want false)", a.ExpectedOf("aurelia"), a.ExpectedOf("borovia"))
	}
	if got := s.ChannelsFor(KindOrganisation); !slices.Equal(got, []string{"poc_hotline", "public_statement", "control"}) {
		t.Errorf("ChannelsFor(organisation) = %v", got)
	}
}
