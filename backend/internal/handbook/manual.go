package handbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Manual is the situation manual of one team, printable before the
// workshop: the scenario, the team's own briefing (never another team's),
// the schedule of phases, the points of contact known at the start, how
// the platform works and the CBM reference card.
func Manual(sc *scenario.Scenario, teamKey string, o Options) (document.Doc, error) {
	team, ok := sc.Team(teamKey)
	if !ok {
		return document.Doc{}, ErrUnknownTeam
	}
	x := textsIn(o.Lang)
	d := newDoc(x.T("manual_title", "team", team.Name), o, x, "class_manual")
	d.Blocks = append(d.Blocks, document.Heading{Level: 1, Text: sc.Title})
	d.Blocks = append(d.Blocks, document.Markdown(sc.Summary)...)
	d.Blocks = append(d.Blocks, objectives(sc, x)...)

	d.Blocks = append(d.Blocks, document.Heading{Level: 2, Text: x.T("your_team", "team", team.Name)},
		document.Paragraph{Runs: []document.Run{{Text: capital(kindName(x, team.Kind)) + ". "}, {Text: x.T("briefing_private"), Italic: true}}})
	d.Blocks = append(d.Blocks, document.Markdown(team.Briefing)...)

	d.Blocks = append(d.Blocks, document.Heading{Level: 2, Text: x.T("schedule")},
		document.Text(x.T("schedule_intro", "minutes", fmt.Sprint(int(sc.Duration/time.Minute)))),
		scheduleTable(sc, x))

	d.Blocks = append(d.Blocks, pointsOfContact(sc, x)...)
	d.Blocks = append(d.Blocks, platform(sc, team, x)...)
	d.Blocks = append(d.Blocks, referenceCard(o.CBMs, x)...)
	return d, nil
}

// pointsOfContact is the CBM 8 directory as the scenario fills it in: every
// team sees the whole directory in the room, so the manual shows it too,
// the States apart from the organisations (national and private partners,
// CBMs 14 and 15), as the room does.
func pointsOfContact(sc *scenario.Scenario, x texts) []document.Block {
	out := []document.Block{document.Heading{Level: 2, Text: x.T("poc")}, document.Text(x.T("poc_intro"))}
	var states, partners []scenario.Team
	for _, t := range sc.Teams {
		if len(t.PointsOfContact) == 0 {
			continue
		}
		if t.Kind == scenario.KindOrganisation {
			partners = append(partners, t)
		} else {
			states = append(states, t)
		}
	}
	if len(states)+len(partners) == 0 {
		return append(out, document.Text(x.T("poc_none")))
	}
	for _, group := range []struct {
		title string
		teams []scenario.Team
	}{{x.T("poc_states"), states}, {x.T("poc_partners"), partners}} {
		if len(group.teams) == 0 {
			continue
		}
		t := document.Table{Header: []string{x.T("col_team"), x.T("col_role"), x.T("col_name"), x.T("col_channel"), x.T("col_hours"), x.T("col_languages")},
			Widths: []float64{1.8, 1.5, 2.8, 2.1, 1.7, 1.3}}
		for _, tm := range group.teams {
			for _, pc := range tm.PointsOfContact {
				channel := ""
				if pc.Channel != "" {
					channel = channelTitle(sc, x, pc.Channel)
				}
				t.Rows = append(t.Rows, []string{tm.Name, x.T("role_" + string(pc.Role)), pc.Name, channel, pc.Hours, strings.Join(pc.Languages, ", ")})
			}
		}
		out = append(out, document.Heading{Level: 3, Text: group.title}, t)
	}
	return out
}

// platform tells in a few lines how the room works, with the channels the
// scenario has and whether the reader's team may use each.
func platform(sc *scenario.Scenario, team *scenario.Team, x texts) []document.Block {
	out := []document.Block{document.Heading{Level: 2, Text: x.T("platform")}}
	for _, k := range []string{"platform_join", "platform_injects", "platform_channels"} {
		out = append(out, labelled(x.T(k)))
	}
	out = append(out, document.Heading{Level: 3, Text: x.T("channels_heading")})
	t := document.Table{Header: []string{x.T("col_channel"), x.T("col_who"), x.T("col_your_team"), x.T("col_cbms")},
		Widths: []float64{3.2, 2.4, 1.6, 1}}
	for _, c := range sc.AllChannels() {
		who := x.T("who_all")
		if len(c.Kinds) == 1 && c.Kinds[0] == scenario.KindState {
			who = x.T("who_states")
		}
		if c.AllTeams {
			who += " (" + x.T("everyone_reads") + ")"
		}
		mine := x.T("who_your_team_yes")
		if !c.Allows(team.Kind) {
			mine = x.T("who_your_team_no")
		}
		t.Rows = append(t.Rows, []string{channelTitle(sc, x, c.Key), who, mine, cbmList(c.CBMs)})
	}
	out = append(out, t)
	for _, k := range []string{"platform_requests", "platform_answers"} {
		out = append(out, labelled(x.T(k)))
	}
	if names := reachableActors(sc, team); len(names) > 0 {
		out = append(out, document.Text(x.T("platform_actors", "actors", strings.Join(names, ", "))))
	}
	return out
}

// labelled prints "Label: text" with the label in bold, as the fixed texts
// are written.
func labelled(s string) document.Paragraph {
	label, rest, ok := strings.Cut(s, ": ")
	if !ok || len([]rune(label)) > 40 {
		return document.Text(s)
	}
	return document.Labelled(label, rest)
}

// reachableActors are the names of the simulated actors the team can write
// to on a channel its kind may use; their notes are for the control cell
// only and never printed here.
func reachableActors(sc *scenario.Scenario, team *scenario.Team) []string {
	var out []string
	for _, a := range sc.Actors {
		for _, ch := range a.Channels {
			if c, ok := sc.Channel(ch); ok && c.Allows(team.Kind) {
				out = append(out, a.Name)
				break
			}
		}
	}
	return out
}

// referenceCard lists the measures of the scenario's catalogue: number,
// title and a line on what it is.
func referenceCard(cat *cbm.Catalogue, x texts) []document.Block {
	if cat == nil {
		return nil
	}
	out := []document.Block{document.PageBreak{}, document.Heading{Level: 2, Text: x.T("cbm_card")}}
	if cat.ID == cbm.DefaultID {
		out = append(out, document.Paragraph{Runs: []document.Run{{Text: x.T("cbm_card_intro"), Italic: true}}, Small: true})
	}
	t := document.Table{Header: []string{x.T("col_number"), x.T("col_measure"), x.T("col_in_brief")}, Widths: []float64{0.6, 3, 6}}
	for _, it := range cat.Items {
		t.Rows = append(t.Rows, []string{it.Key, it.Title, it.Summary})
	}
	return append(out, t)
}
