package scenario

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func mini(t testing.TB) string {
	t.Helper()
	data, err := os.ReadFile("testdata/mini.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// edit replaces the first occurrence of old in the mini scenario, failing
// loudly if old is not there so that a changed fixture cannot pass silently.
func edit(t *testing.T, base, old, new string) string {
	t.Helper()
	if !strings.Contains(base, old) {
		t.Fatalf("fixture has no %q", old)
	}
	return strings.Replace(base, old, new, 1)
}

// TestProblems covers one kind of broken file per case. Each expected problem
// is "line:col: text contained in the message"; the list must match exactly.
func TestProblems(t *testing.T) {
	base := mini(t)
	cases := []struct {
		name     string
		old, new string // edit applied to the mini scenario
		data     string // or a whole file
		want     []string
	}{
		{name: "yaml syntax", old: "title: Mini", new: "title: [Mini",
			want: []string{"3:1: this is not valid YAML: did not find expected ',' or ']' (in the list or block that starts on this line)"}},
		{name: "mapping in scalar", old: "summary: A small scenario.", new: "summary: a: b",
			want: []string{"4:1: this is not valid YAML: mapping values are not allowed in this context"}},
		{name: "duplicate field", old: "title: Mini\n", new: "title: Mini\ntitle: Again\n",
			want: []string{`4:1: the scenario has the field "title" twice (first at line 3); keep one`}},
		{name: "NUL character", old: "title: Mini", new: `title: "Mi\0ni"`,
			want: []string{`3:8: this text holds a NUL character (\0)`}},
		{name: "anchor and alias", old: "cbms: [3, 8]", new: "cbms: &focus [3, 8]\nthemes: *focus",
			want: []string{"8:7: anchors (&focus) are not allowed", "9:9: aliases (*focus) are not allowed"}},
		{name: "unknown field", old: "title: Mini", new: "titel: Mini",
			want: []string{`1:1: the scenario is missing the required field "title"`,
				`3:1: the scenario has an unknown field "titel"; did you mean "title"?`}},
		{name: "unknown nested field", old: "    kind: state\n    briefing: You are Aurelia.", new: "    kind: state\n    brefing: You are Aurelia.",
			want: []string{`14:5: team "aurelia" is missing the required field "briefing"`,
				`17:5: team "aurelia" has an unknown field "brefing"; did you mean "briefing"?`}},
		{name: "empty file", data: "# nothing here\n",
			want: []string{"1:1: the file is empty"}},
		{name: "top level list", data: "- a\n- b\n",
			want: []string{"1:1: a scenario file must be a set of fields"}},
		{name: "two documents", old: "      objective: reach\n", new: "      objective: reach\n---\nid: other\n",
			want: []string{"79:1: a scenario file holds a single YAML document"}},
		{name: "not an integer", old: "version: 1", new: "version: one",
			want: []string{`2:10: the version of the scenario should be a whole number, not "one"`}},
		{name: "version zero", old: "version: 1", new: "version: 0",
			want: []string{`2:10: the version of the scenario is 0; start at 1`}},
		{name: "bad slug", old: "id: mini", new: "id: Mini Scenario",
			want: []string{`1:5: the id of the scenario is "Mini Scenario"; use lower-case letters, digits and hyphens only, e.g. "mini-scenario"`}},
		{name: "bad language", old: "languages: [en]", new: "languages: [en, english]",
			want: []string{`5:17: the languages of the scenario include "english"; each must be one of the OSCE languages en, fr, de, it, ru, es`}},
		{name: "bad enum", old: "level: introductory", new: "level: introductry",
			want: []string{`7:8: the level of the scenario is "introductry"; it must be one of: introductory, intermediate, advanced; did you mean "introductory"?`}},
		{name: "bad duration", old: "duration: 60m", new: "duration: 60",
			want: []string{`6:11: the duration of the scenario is "60", which is not a duration; write it like 15m, 1h30m or 45s`}},
		{name: "unknown CBM", old: "cbms: [3, 8]", new: "cbms: [3, 17]",
			want: []string{`8:11: the cbms of the scenario: "17" is not in the catalogue "osce-ict-cbms"`}},
		{name: "CBM as string", old: "cbms: [3, 8]", new: `cbms: [3, "8"]`},
		{name: "unknown catalogue", old: "level: introductory", new: "level: introductory\ncatalogue: un-gge-2015",
			want: []string{`8:12: the catalogue of the scenario is "un-gge-2015", which is not a known catalogue; known catalogues are: osce-ict-cbms, un-gge-2015-norms`}},
		{name: "other catalogue", old: "level: introductory", new: "level: introductory\ncatalogue: un-gge-2015-norms",
			want: []string{`9:8: the cbms of the scenario: "3" is not in the catalogue "un-gge-2015-norms"`,
				`9:11: the cbms of the scenario: "8" is not in the catalogue`,
				`13:12: the cbms of objective "reach": "8" is not in the catalogue`,
				`46:16: the cbms of expected action "call" of inject "blackout": "8" is not in the catalogue`,
				`76:14: the cbms of criterion "poc-use": "8" is not in the catalogue`}},
		{name: "unknown phase", old: "phase: detection", new: "phase: detectoin",
			want: []string{`37:12: inject "blackout" refers to phase "detectoin", which does not exist; phases are: detection, escalation; did you mean "detection"?`}},
		{name: "unknown audience team", old: "audience: [aurelia]", new: "audience: [aurelia, carpathia]",
			want: []string{`57:25: inject "statement" refers to team "carpathia", which does not exist; teams are: aurelia, borovia`}},
		{name: "audience word", old: "audience: [aurelia]", new: "audience: everyone",
			want: []string{`57:15: the audience of inject "statement" is "everyone"; write all, facilitators, or a list of team keys`}},
		{name: "duplicate team", old: "key: borovia", new: "key: aurelia",
			want: []string{`18:10: there are two teams with the key "aurelia" (the first is at line 14); keys must be unique`,
				`66:11: trigger "silent" refers to team "borovia", which does not exist; teams are: aurelia`}},
		// Found by FuzzParse: a duplicated key whose second inject had no time crashed the timing check.
		{name: "duplicate inject", old: "  - key: statement", new: "  - key: blackout",
			want: []string{`53:10: there are two injects with the key "blackout" (the first is at line 35); keys must be unique`,
				`68:15: trigger "silent" refers to inject "statement", which does not exist; injects are: blackout, follow-up`}},
		{name: "duplicate question", old: "        text: Who is told first?\n", new: "        text: Who is told first?\n      - key: q1\n        text: Again?\n",
			want: []string{`30:14: there are two questions with the key "q1" (the first is at line 28)`}},
		{name: "negative offset", old: "at: 5m", new: "at: -5m",
			want: []string{`39:9: the at of inject "blackout" is negative (-5m)`}},
		{name: "beyond duration", old: "at: 5m", new: "at: 65m",
			want: []string{`39:9: inject "blackout" would be released at 1h5m, after the exercise ends (duration 1h)`,
				`51:12: inject "follow-up" would be released at 1h35m (30m after "blackout"), after the exercise ends`,
				`67:17: the deadline of trigger "silent" falls at 1h25m (20m after "blackout"), after the exercise ends (duration 1h)`}},
		{name: "after chain beyond duration", old: "delay: 30m }", new: "delay: 1h }",
			want: []string{`51:12: inject "follow-up" would be released at 1h5m (1h after "blackout"), after the exercise ends (duration 1h)`}},
		{name: "before its phase", old: "delay: 30m }", new: "delay: 10m }",
			want: []string{`51:12: inject "follow-up" would be released at 15m (10m after "blackout"), before its phase "escalation" starts (at 30m)`}},
		{name: "after cycle", old: "    at: 5m\n", new: "    after: { inject: follow-up, delay: 5m }\n",
			want: []string{`39:12: injects are timed after each other in a circle: blackout → follow-up → blackout`}},
		{name: "unknown after", old: "inject: blackout", new: "inject: blackot",
			want: []string{`51:22: inject "follow-up" refers to inject "blackot", which does not exist; injects are: blackout, follow-up, statement; did you mean "blackout"?`}},
		{name: "both at and after", old: "    at: 5m\n", new: "    at: 5m\n    after: { inject: statement, delay: 5m }\n",
			want: []string{`40:12: inject "blackout" has both at and after; keep one of them`}},
		{name: "no time", old: "    at: 5m\n", new: "",
			want: []string{`35:5: inject "blackout" has no time: give it at:`}},
		{name: "contingency with time", old: "    contingency: true\n", new: "    contingency: true\n    at: 40m\n",
			want: []string{`58:18: inject "statement" is a contingency inject (released by a trigger or a facilitator), so it cannot also have at or after`}},
		{name: "release timed inject", old: "release: [statement]", new: "release: [follow-up]",
			want: []string{`68:15: trigger "silent" releases inject "follow-up", which is not a contingency inject`}},
		{name: "first phase not at zero", old: "starts_at: 0m", new: "starts_at: 5m",
			want: []string{`25:16: the first phase, "detection", starts at 5m; it must start at 0m`}},
		{name: "phases out of order", old: "starts_at: 30m", new: "starts_at: 0s",
			want: []string{`32:16: phase "escalation" starts at 0m, not after the phase before it ("detection" at 0m)`}},
		{name: "phase after end", old: "starts_at: 30m", new: "starts_at: 1h",
			want: []string{`32:16: phase "escalation" starts at 1h, when the exercise is already over (duration 1h)`,
				`51:12: inject "follow-up" would be released at 35m (30m after "blackout"), before its phase "escalation" starts (at 1h)`}},
		{name: "deadline missing", old: "      deadline: { after: blackout, delay: 20m }\n", new: "",
			want: []string{`64:7: the condition of trigger "silent" is no_message, which needs a deadline`}},
		{name: "deadline after end", old: "deadline: { after: blackout, delay: 20m }", new: "deadline: 2h",
			want: []string{`67:17: the deadline of trigger "silent" is 2h, after the exercise ends (duration 1h)`}},
		{name: "facilitator decision", old: "type: no_message", new: "type: facilitator_decision",
			want: []string{`64:7: the condition of trigger "silent" is facilitator_decision, which needs a prompt`,
				`65:13: the condition of trigger "silent" is facilitator_decision, which does not use from`,
				`66:11: the condition of trigger "silent" is facilitator_decision, which does not use to`}},
		{name: "message to self", old: "to: borovia", new: "to: aurelia",
			want: []string{`66:11: the condition of trigger "silent": from and to are the same team ("aurelia")`}},
		{name: "unknown channel", old: "      to: borovia\n", new: "      to: borovia\n      channel: hotline\n",
			want: []string{`67:16: trigger "silent" refers to channel "hotline", which does not exist`}},
		{name: "channel clashes with default", old: "teams:\n", new: "channels:\n  - key: poc_hotline\n    title: Hotline\nteams:\n",
			want: []string{`14:10: "poc_hotline" is already a built-in channel; choose another key`}},
		{name: "action team outside audience", old: "    contingency: true\n", new: "    contingency: true\n    expected_actions:\n      - key: reply\n        team: borovia\n        text: Borovia replies.\n",
			want: []string{`61:15: expected action "reply" of inject "statement" expects something of team "borovia", which is not in the inject's audience (aurelia)`}},
		{name: "action to unknown team", old: "        cbms: [8]\n        within: 20m\n", new: "        to: borovai\n        cbms: [8]\n        within: 20m\n",
			want: []string{`45:13: expected action "call" of inject "blackout" sends to "borovai", which is not a team; write a team key, any_team or control (teams are: aurelia, borovia); did you mean "borovia"?`}},
		{name: "action on unknown channel", old: "        cbms: [8]\n        within: 20m\n", new: "        to: [borovia, control]\n        channels: [poc_hotline, hotlnie]\n        kind: consultation\n        from: release\n        within: 20m\n",
			want: []string{`46:33: expected action "call" of inject "blackout" refers to channel "hotlnie", which does not exist; channels are: poc_hotline, osce_network, diplomatic_note, consultation_request, public_statement, control`}},
		{name: "action matcher values", old: "        cbms: [8]\n        within: 20m\n", new: "        to: []\n        kind: help\n        from: start\n        shown_by: email\n",
			want: []string{`45:13: the to of expected action "call" of inject "blackout" is an empty list`,
				`46:15: the kind of expected action "call" of inject "blackout" is "help"; it must be one of: information, consultation, assistance`,
				`47:15: the from of expected action "call" of inject "blackout" is "start"; it must be one of: exercise_start, phase_start, release`,
				`48:19: the shown_by of expected action "call" of inject "blackout" is "email"; it must be one of: message, poc_entry, commcheck_ack, answers`}},
		{name: "action to its own team", old: "        cbms: [8]\n        within: 20m\n", new: "        to: aurelia\n",
			want: []string{`45:13: expected action "call" of inject "blackout": team "aurelia" could only show it by a message to itself`}},
		{name: "action of two teams", old: "        team: aurelia\n", new: "        team: [aurelia, borovia, aurelia, narnia]\n        to: [aurelia]\n",
			want: []string{`43:34: the team of expected action "call" of inject "blackout": "aurelia" appears twice`,
				`43:43: expected action "call" of inject "blackout" refers to team "narnia", which does not exist`,
				`44:13: expected action "call" of inject "blackout": team "aurelia" could only show it by a message to itself`}},
		{name: "action to a team on the control channel", old: "        cbms: [8]\n        within: 20m\n", new: "        to: borovia\n        channels: [control]\n",
			want: []string{`45:13: expected action "call" of inject "blackout": the control channel reaches only the exercise control`}},
		{name: "action not observable with a matcher", old: "        cbms: [8]\n        within: 20m\n", new: "        observable: false\n        to: borovia\n        within: 20m\n",
			want: []string{`46:13: expected action "call" of inject "blackout" is not observable (the evaluators judge it), so to has no use`,
				`47:17: expected action "call" of inject "blackout" is not observable (the evaluators judge it), so within has no use`}},
		{name: "action shown by the directory with a recipient", old: "        cbms: [8]\n        within: 20m\n", new: "        shown_by: poc_entry\n        kind: information\n",
			want: []string{`46:15: expected action "call" of inject "blackout" is shown by poc_entry, not by a message, so kind has no use`}},
		{name: "unknown objective", old: "objective: reach", new: "objective: speed",
			want: []string{`77:18: criterion "poc-use" refers to objective "speed", which does not exist; objectives are: reach`}},
		{name: "missing body", old: "    body: The lights are out.\n", new: "",
			want: []string{`35:5: inject "blackout" is missing the required field "body"`}},
		{name: "empty text", old: "title: Blackout", new: "title: \"  \"",
			want: []string{`36:12: the title of inject "blackout" is empty`}},
		{name: "title too long", old: "title: Mini", new: "title: " + strings.Repeat("x", 201),
			want: []string{`3:8: the title of the scenario is too long: 201 characters, at most 200`}},
		{name: "too many questions", old: "        text: Who is told first?\n", new: "        text: Who is told first?\n" + manyQuestions(10),
			want: []string{`48:9: the questions of phase "detection" has 11 entries; the limit is 10`}},
		{name: "too few teams", old: "  - key: borovia\n    name: Borovia\n    kind: state\n    briefing: You are Borovia.\n", new: "",
			want: []string{`14:3: the scenario needs at least 2 teams; it has 1`,
				`62:11: trigger "silent" refers to team "borovia", which does not exist; teams are: aurelia`}},
		{name: "list expected", old: "languages: [en]", new: "languages: en",
			want: []string{`5:12: the languages of the scenario should be a list`}},
		{name: "mapping expected", old: "rubric:\n  scale: psmu\n  criteria:\n    - key: poc-use\n      title: Use of PoCs\n      description: Reached the right PoC.\n      cbms: [8]\n      injects: [blackout]\n      objective: reach\n", new: "rubric: psmu\n",
			want: []string{`69:9: the rubric should be a set of fields (name: value), not "psmu"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			data := tc.data
			if data == "" {
				data = edit(t, base, tc.old, tc.new)
			}
			s, probs := Parse("f.yaml", []byte(data), nil)
			checkProblems(t, probs, tc.want)
			if (s == nil) != (len(tc.want) > 0) {
				t.Errorf("scenario returned = %v with %d problems", s != nil, len(probs))
			}
		})
	}
}

func manyQuestions(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString("      - key: extra" + string(rune('a'+i)) + "\n        text: Another?\n")
	}
	return b.String()
}

// checkProblems compares problems with "line:col: message fragment" lines.
func checkProblems(t *testing.T, probs Problems, want []string) {
	t.Helper()
	if len(probs) != len(want) {
		t.Fatalf("got %d problems, want %d:\n%v", len(probs), len(want), probs)
	}
	for i, p := range probs {
		got := strings.TrimPrefix(p.String(), "f.yaml:")
		if !strings.HasPrefix(got, strings.SplitN(want[i], ": ", 2)[0]+": ") || !strings.Contains(got, strings.SplitN(want[i], ": ", 2)[1]) {
			t.Errorf("problem %d:\n got %s\nwant %s", i, got, want[i])
		}
	}
}

func TestFileSizeCap(t *testing.T) {
	data := mini(t) + "# " + strings.Repeat("x", MaxFileSize) + "\n"
	_, probs := Parse("f.yaml", []byte(data), nil)
	checkProblems(t, probs, []string{"1:1: the file is "})
}

func TestProblemsError(t *testing.T) {
	ps := Problems{{File: "a.yaml", Line: 3, Col: 5, Message: "m1"}, {File: "a.yaml", Line: 7, Col: 1, Message: "m2"}}
	if got := ps.Error(); got != "a.yaml:3:5: m1\na.yaml:7:1: m2" {
		t.Errorf("Error() = %q", got)
	}
	var none Problems
	if none.Err() != nil {
		t.Error("empty Problems.Err() should be nil")
	}
}

func TestProblemsAreCapped(t *testing.T) {
	data := strings.Repeat("x: 1\n", 1000)
	_, probs := Parse("f.yaml", []byte(data), nil)
	if len(probs) != MaxProblems+1 {
		t.Fatalf("got %d problems", len(probs))
	}
	last := probs[MaxProblems].String()
	if !strings.HasPrefix(last, "f.yaml:88:1: … and 913 more") || !strings.Contains(last, "more problems") {
		t.Errorf("last problem = %s", last)
	}
}

// aliasFile is a file of nearly 1 MiB that is one alias after another: it
// used to answer with 330,002 problems.
func aliasFile() []byte {
	var b strings.Builder
	b.WriteString("id: x\nthemes: &a [x]\ntags:\n")
	for b.Len() < MaxFileSize-20 {
		b.WriteString("  - *a\n")
	}
	return []byte(b.String())
}

// Problems found before the file is decoded (anchors and aliases) are
// capped too, keeping the first ones in the file.
func TestAliasProblemsAreCapped(t *testing.T) {
	data := aliasFile()
	_, probs := Parse("f.yaml", data, nil)
	if len(probs) != MaxProblems+1 {
		t.Fatalf("got %d problems", len(probs))
	}
	if first := probs[0].String(); !strings.HasPrefix(first, "f.yaml:2:9: anchors (&a)") {
		t.Errorf("first problem = %s", first)
	}
	aliases := strings.Count(string(data), "*a")
	want := fmt.Sprintf("f.yaml:103:5: … and %d more problems from here on", aliases+1-MaxProblems)
	if last := probs[MaxProblems].String(); !strings.HasPrefix(last, want) {
		t.Errorf("last problem = %s, want %s…", last, want)
	}
}

// The collector keeps the first problems in reading order, whatever the
// order they are found in.
func TestCollectorKeepsTheFirst(t *testing.T) {
	c := problems()
	for line := 1000; line >= 1; line-- {
		c.Add(Problem{File: "f.yaml", Line: line, Col: 1, Message: "m"})
	}
	got := c.List()
	if len(got) != MaxProblems+1 || got[0].Line != 1 || got[MaxProblems-1].Line != MaxProblems {
		t.Fatalf("got %d problems, lines %d…%d", len(got), got[0].Line, got[len(got)-2].Line)
	}
	if last := got[MaxProblems]; last.Line != MaxProblems+1 || !strings.Contains(last.Message, "and 900 more") {
		t.Errorf("last = %+v", last)
	}
	if c.Len() != 1000 {
		t.Errorf("Len = %d", c.Len())
	}
}
