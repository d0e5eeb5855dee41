package scenario

import (
	"reflect"
	"strings"
	"testing"
)

const actorsBlock = `actors:
  - key: secretariat
    name: OSCE Secretariat (Transnational Threats Department)
    kind: international_organisation
    channels: [osce_network, diplomatic_note]
    note: Answers within the hour; never takes sides.
`

// withActors adds the actors block after the teams and an expected action
// sending to "to".
func withActors(t *testing.T, to string) string {
	src := edit(t, mini(t), "phases:\n", actorsBlock+"phases:\n")
	return edit(t, src, "        cbms: [8]\n        within: 20m\n", "        to: "+to+"\n        cbms: [8]\n        within: 20m\n")
}

func TestParseActors(t *testing.T) {
	src := edit(t, withActors(t, "[borovia, actor:secretariat]"), "    channel: email\n", "    channel: email\n    from_actor: secretariat\n")
	s, probs := Parse("f.yaml", []byte(src), nil)
	if probs != nil {
		t.Fatal(probs)
	}
	a, ok := s.Actor("secretariat")
	if !ok || a.Kind != ActorInternational || !reflect.DeepEqual(a.Channels, []string{"osce_network", "diplomatic_note"}) ||
		!a.Reachable("osce_network") || a.Reachable("poc_hotline") || !strings.HasPrefix(a.Note, "Answers") {
		t.Fatalf("actor = %+v", a)
	}
	if got := s.Injects[0].ExpectedActions[0].To; !reflect.DeepEqual(got, []string{"borovia", "actor:secretariat"}) {
		t.Errorf("to = %v", got)
	}
	if s.Injects[1].FromActor != "secretariat" {
		t.Errorf("from_actor = %q", s.Injects[1].FromActor)
	}
	var keys []string
	for _, tx := range s.Texts() {
		if strings.HasPrefix(tx.Key, "actors.") {
			keys = append(keys, tx.Key)
		}
	}
	if !reflect.DeepEqual(keys, []string{"actors.secretariat.name", "actors.secretariat.note"}) {
		t.Errorf("actor texts = %v", keys)
	}
}

func TestActorProblems(t *testing.T) {
	cases := []struct {
		name string
		src  string
		want []string
	}{
		{"unknown actor in to", withActors(t, "actor:secretariet"),
			[]string{`51:13: expected action "call" of inject "blackout" sends to "actor:secretariet", but the scenario has no actor "secretariet" (actors are: secretariat); did you mean "actor:secretariat"?`}},
		{"actor without actors", edit(t, mini(t), "        cbms: [8]\n        within: 20m\n", "        to: actor:press\n        cbms: [8]\n        within: 20m\n"),
			[]string{`45:13: expected action "call" of inject "blackout" sends to "actor:press", but the scenario has no actor "press" (there are none)`}},
		{"bad kind and channels", edit(t, withActors(t, "borovia"), "    kind: international_organisation\n    channels: [osce_network, diplomatic_note]",
			"    kind: ngo\n    channels: [public_statement, telex]"),
			[]string{`25:11: the kind of actor "secretariat" is "ngo"`,
				`26:16: actor "secretariat" cannot be reached on public_statement`,
				`26:34: actor "secretariat" refers to channel "telex"`}},
		{"unknown from_actor", edit(t, withActors(t, "borovia"), "    channel: email\n", "    channel: email\n    from_actor: chair\n"),
			[]string{`58:17: inject "follow-up" refers to actor "chair"`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, probs := Parse("f.yaml", []byte(c.src), nil)
			if len(probs) != len(c.want) {
				t.Fatalf("got %d problems, want %d:\n%v", len(probs), len(c.want), probs)
			}
			for i, p := range probs {
				got := strings.TrimPrefix(p.String(), "f.yaml:")
				if !strings.HasPrefix(got, c.want[i]) {
					t.Errorf("problem %d:\n got %s\nwant %s", i, got, c.want[i])
				}
			}
		})
	}
}
