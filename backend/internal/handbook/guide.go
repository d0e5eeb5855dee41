package handbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// Guide is the facilitator guide: the pacing of the phases, the MSEL with
// each inject's timing, audience, channel, source, notes and expected
// actions, the triggers, the white cell's actors, the rubric, the stage
// questions and every team's briefing. It is for the staff only.
func Guide(sc *scenario.Scenario, o Options) document.Doc {
	x := textsIn(o.Lang)
	d := newDoc(x.T("guide_title"), o, x, "class_guide")
	d.Blocks = append(d.Blocks, document.Heading{Level: 1, Text: sc.Title},
		document.Paragraph{Runs: []document.Run{{Text: x.T("guide_intro"), Italic: true}}})
	d.Blocks = append(d.Blocks, document.Markdown(sc.Summary)...)
	d.Blocks = append(d.Blocks, objectives(sc, x)...)
	d.Blocks = append(d.Blocks, pacing(sc, x)...)
	d.Blocks = append(d.Blocks, msel(sc, x)...)
	d.Blocks = append(d.Blocks, triggers(sc, x)...)
	d.Blocks = append(d.Blocks, actors(sc, x)...)
	d.Blocks = append(d.Blocks, rubric(sc, x)...)
	d.Blocks = append(d.Blocks, stageQuestions(sc, x)...)
	d.Blocks = append(d.Blocks, briefings(sc, x)...)
	return d
}

// pacing is each phase with its scripted injects and its free time: what
// is left after the last scripted inject, for discussion, the questions
// and the contingency injects.
func pacing(sc *scenario.Scenario, x texts) []document.Block {
	t := document.Table{Header: []string{x.T("col_phase"), x.T("col_starts"), x.T("col_duration"), x.T("col_injects"), x.T("col_free")},
		Widths: []float64{3.4, 1.1, 1.9, 1.2, 1.6}}
	lengths := phaseEnds(sc)
	sched := sc.Schedule()
	for i, ph := range sc.Phases {
		end := ph.StartsAt + lengths[i]
		last, n := ph.StartsAt, 0
		for _, si := range sched {
			if in, ok := sc.Inject(si.Key); ok && in.Phase == ph.Key {
				n++
				last = max(last, min(si.At, end))
			}
		}
		t.Rows = append(t.Rows, []string{ph.Title, "T+" + clock(ph.StartsAt), minutes(x, lengths[i]), fmt.Sprint(n), minutes(x, end-last)})
	}
	return []document.Block{document.Heading{Level: 2, Text: x.T("pacing")}, document.Text(x.T("pacing_intro")), t}
}

// mselOrder is the injects in release order: the scripted ones by time,
// then those held for a trigger or a facilitator, in file order.
func mselOrder(sc *scenario.Scenario) []*scenario.Inject {
	var out []*scenario.Inject
	seen := map[string]bool{}
	for _, si := range sc.Schedule() {
		if in, ok := sc.Inject(si.Key); ok {
			out = append(out, in)
			seen[in.Key] = true
		}
	}
	for i := range sc.Injects {
		if !seen[sc.Injects[i].Key] {
			out = append(out, &sc.Injects[i])
		}
	}
	return out
}

func msel(sc *scenario.Scenario, x texts) []document.Block {
	order := mselOrder(sc)
	out := []document.Block{document.PageBreak{}, document.Heading{Level: 2, Text: x.T("msel")}, document.Text(x.T("msel_intro"))}
	t := document.Table{Header: []string{"#", x.T("col_when"), x.T("col_inject"), x.T("col_audience"), x.T("col_channel"), x.T("col_from")},
		Widths: []float64{0.65, 1.7, 3.0, 2.0, 2.5, 2.2}}
	for i, in := range order {
		t.Rows = append(t.Rows, []string{fmt.Sprint(i + 1), whenShort(sc, x, in), in.Title, audience(sc, x, in.Audience), x.T("inject_" + string(in.Channel)), sc.InjectSource(in)})
	}
	out = append(out, t)
	for i, in := range order {
		out = append(out, injectDetail(sc, x, i+1, in)...)
	}
	return out
}

// injectDetail is one inject as the control cell runs it.
func injectDetail(sc *scenario.Scenario, x texts, n int, in *scenario.Inject) []document.Block {
	phase := in.Phase
	if ph, ok := sc.Phase(in.Phase); ok {
		phase = ph.Title
	}
	out := []document.Block{
		document.Heading{Level: 3, Text: fmt.Sprintf("%d. %s", n, in.Title)},
		document.Paragraph{Runs: []document.Run{
			{Text: x.T("col_when") + ": ", Bold: true}, {Text: when(sc, x, in) + "   "},
			{Text: x.T("col_phase") + ": ", Bold: true}, {Text: phase + "   "},
			{Text: x.T("col_channel") + ": ", Bold: true}, {Text: x.T("inject_" + string(in.Channel))},
		}, Small: true},
		document.Paragraph{Runs: []document.Run{
			{Text: x.T("col_audience") + ": ", Bold: true}, {Text: audience(sc, x, in.Audience) + "   "},
			{Text: x.T("col_from") + ": ", Bold: true}, {Text: source(sc, x, in)},
		}, Small: true},
	}
	if in.CommCheck {
		out = append(out, document.Paragraph{Runs: []document.Run{{Text: x.T("commcheck"), Italic: true}}, Small: true})
	}
	if strings.TrimSpace(in.Body) != "" {
		out = append(out, document.Paragraph{Runs: []document.Run{{Text: x.T("inject_text"), Bold: true}}, Small: true})
		out = append(out, small(document.Markdown(in.Body))...)
	}
	if strings.TrimSpace(in.FacilitatorNotes) != "" {
		out = append(out, document.Bold(x.T("facilitator_notes")))
		out = append(out, document.Markdown(in.FacilitatorNotes)...)
	}
	if len(in.ExpectedActions) > 0 {
		// A heading before each table keeps the table's header off the foot
		// of a page (the renderer keeps a heading with what follows).
		out = append(out, document.Heading{Level: 4, Text: x.T("expected_actions")}, expectedTable(sc, x, in))
	}
	return out
}

func expectedTable(sc *scenario.Scenario, x texts, in *scenario.Inject) document.Table {
	t := document.Table{Header: []string{x.T("col_expected"), x.T("col_teams"), x.T("col_cbms"), x.T("col_within"), x.T("col_shown_by")},
		Widths: []float64{4.2, 2, 0.9, 1.3, 1.8}}
	for _, a := range in.ExpectedActions {
		within := ""
		if a.Within != nil {
			within = minutes(x, *a.Within)
		}
		shown := x.T("shown_" + string(a.Shows()))
		if a.NotObservable {
			shown = x.T("not_observable")
		}
		t.Rows = append(t.Rows, []string{a.Text, expectedTeams(sc, x, in, a), cbmList(a.CBMs), within, shown})
	}
	return t
}

// expectedTeams names the teams an action is expected of: those it names,
// else the inject's audience less the teams that may use none of its
// channels.
func expectedTeams(sc *scenario.Scenario, x texts, in *scenario.Inject, a scenario.ExpectedAction) string {
	var names []string
	all := true
	for _, t := range sc.Teams {
		if (len(a.Teams) > 0 || in.Audience.Includes(t.Key)) && a.ExpectedOf(t.Key) {
			names = append(names, t.Name)
		} else {
			all = false
		}
	}
	if all {
		return x.T("audience_all")
	}
	return strings.Join(names, ", ")
}

// when says when an inject is released: its time, its delay after another
// inject (with the time it comes to, when fixed), or held as contingency
// with the triggers that release it.
func when(sc *scenario.Scenario, x texts, in *scenario.Inject) string {
	switch {
	case in.At != nil:
		return x.T("when_at", "time", clock(*in.At))
	case in.After != nil:
		title := in.After.Inject
		if prev, ok := sc.Inject(in.After.Inject); ok {
			title = prev.Title
		}
		s := x.T("when_after", "delay", minutes(x, in.After.Delay), "inject", title)
		if at, ok := sc.ReleaseOffset(in.Key); ok {
			s += " (" + x.T("when_at", "time", clock(at)) + ")"
		}
		return s
	}
	s := x.T("when_contingency")
	var by []string
	for _, tr := range sc.Triggers {
		if slices.Contains(tr.Release, in.Key) {
			by = append(by, tr.Title)
		}
	}
	if len(by) > 0 {
		s += ": " + strings.Join(by, "; ")
	}
	return s
}

// whenShort is when for the MSEL table: a contingency inject's triggers
// are in its detail, not in the narrow column.
func whenShort(sc *scenario.Scenario, x texts, in *scenario.Inject) string {
	if in.At == nil && in.After == nil {
		return x.T("when_contingency")
	}
	if at, ok := sc.ReleaseOffset(in.Key); ok {
		return x.T("when_at", "time", clock(at))
	}
	return when(sc, x, in)
}

// source is who an inject comes from; with a white-cell actor of its own
// besides its from, the actor is named too, since replies go to the actor.
func source(sc *scenario.Scenario, x texts, in *scenario.Inject) string {
	from := sc.InjectSource(in)
	if a, ok := sc.Actor(in.FromActor); ok && a.Name != from {
		from += " (" + x.T("from_actor", "actor", a.Name) + ")"
	}
	return from
}

func audience(sc *scenario.Scenario, x texts, a scenario.Audience) string {
	switch {
	case a.All:
		return x.T("audience_all")
	case a.Facilitators:
		return x.T("audience_facilitators")
	}
	names := make([]string, len(a.Teams))
	for i, k := range a.Teams {
		names[i] = teamName(sc, k)
	}
	return strings.Join(names, ", ")
}

func triggers(sc *scenario.Scenario, x texts) []document.Block {
	if len(sc.Triggers) == 0 {
		return nil
	}
	t := document.Table{Header: []string{x.T("col_trigger"), x.T("col_condition"), x.T("col_releases")}, Widths: []float64{3, 4, 3}}
	for _, tr := range sc.Triggers {
		var released []string
		for _, k := range tr.Release {
			if in, ok := sc.Inject(k); ok {
				released = append(released, in.Title)
			}
		}
		t.Rows = append(t.Rows, []string{tr.Title, condition(sc, x, tr.Condition), strings.Join(released, "; ")})
	}
	return []document.Block{document.Heading{Level: 2, Text: x.T("triggers")}, t}
}

// condition writes a trigger's condition as a phrase: "a message is sent,
// from Kestria, to Veskland, CBM 8, by T+0:40".
func condition(sc *scenario.Scenario, x texts, c scenario.Condition) string {
	parts := []string{x.T("cond_" + string(c.Type))}
	if c.From != "" {
		parts = append(parts, x.T("cond_from", "v", teamName(sc, c.From)))
	}
	if c.To != "" {
		parts = append(parts, x.T("cond_to", "v", recipient(sc, c.To)))
	}
	if c.Channel != "" {
		parts = append(parts, x.T("cond_channel", "v", channelTitle(sc, x, c.Channel)))
	}
	if c.CBM != "" {
		parts = append(parts, x.T("cond_cbm", "v", c.CBM))
	}
	if c.Kind != "" {
		parts = append(parts, x.T("cond_kind", "v", x.T("kind_"+string(c.Kind))))
	}
	if dl := c.Deadline; dl != nil {
		switch {
		case dl.At != nil:
			parts = append(parts, x.T("cond_deadline", "v", x.T("when_at", "time", clock(*dl.At))))
		case dl.After != nil:
			title := dl.After.Inject
			if in, ok := sc.Inject(title); ok {
				title = in.Title
			}
			parts = append(parts, x.T("cond_deadline", "v", x.T("when_after", "delay", minutes(x, dl.After.Delay), "inject", title)))
		}
	}
	s := strings.Join(parts, ", ")
	if c.Prompt != "" {
		s += ": “" + c.Prompt + "”"
	}
	return s
}

// recipient names a team, an actor (actor:key) or the control cell.
func recipient(sc *scenario.Scenario, key string) string {
	if k, ok := strings.CutPrefix(key, scenario.ActorPrefix); ok {
		if a, ok := sc.Actor(k); ok {
			return a.Name
		}
	}
	return teamName(sc, key)
}

func actors(sc *scenario.Scenario, x texts) []document.Block {
	if len(sc.Actors) == 0 {
		return nil
	}
	out := []document.Block{document.Heading{Level: 2, Text: x.T("actors")}}
	for _, a := range sc.Actors {
		channels := make([]string, len(a.Channels))
		for i, c := range a.Channels {
			channels[i] = channelTitle(sc, x, c)
		}
		out = append(out, document.Heading{Level: 3, Text: a.Name + " (" + x.T("actor_"+string(a.Kind)) + ")"},
			document.Paragraph{Runs: []document.Run{{Text: x.T("actor_reach", "channels", strings.Join(channels, ", ")), Italic: true}}, Small: true})
		out = append(out, document.Markdown(a.Note)...)
	}
	return out
}

func rubric(sc *scenario.Scenario, x texts) []document.Block {
	if len(sc.Rubric.Criteria) == 0 {
		return nil
	}
	scale := x.T("rubric_psmu")
	if sc.Rubric.Scale == scenario.ScaleNumeric {
		scale = x.T("rubric_numeric")
	}
	t := document.Table{Header: []string{x.T("col_criterion"), x.T("col_description"), x.T("col_cbms"), x.T("col_injects"), x.T("col_objective")},
		Widths: []float64{2.4, 4.5, 0.9, 2.4, 1.6}}
	objectiveText := map[string]string{}
	for i, o := range sc.Objectives {
		objectiveText[o.Key] = fmt.Sprint(i + 1)
	}
	for _, c := range sc.Rubric.Criteria {
		var injects []string
		for _, k := range c.Injects {
			if in, ok := sc.Inject(k); ok {
				injects = append(injects, in.Title)
			}
		}
		t.Rows = append(t.Rows, []string{c.Title, plain(c.Description), cbmList(c.CBMs), strings.Join(injects, "; "), objectiveText[c.Objective]})
	}
	return []document.Block{document.Heading{Level: 2, Text: x.T("rubric")}, document.Text(scale), t}
}

// plain is Markdown as one line of text, for a table cell.
func plain(md string) string {
	d := document.Doc{Blocks: document.Markdown(md)}
	return strings.TrimSpace(strings.Join(strings.Fields(d.PlainText()), " "))
}

func stageQuestions(sc *scenario.Scenario, x texts) []document.Block {
	out := []document.Block{document.Heading{Level: 2, Text: x.T("questions")}}
	for _, ph := range sc.Phases {
		out = append(out, document.Heading{Level: 3, Text: ph.Title})
		if len(ph.Questions) == 0 {
			out = append(out, document.Paragraph{Runs: []document.Run{{Text: x.T("questions_none"), Italic: true}}})
			continue
		}
		l := document.List{Ordered: true}
		for _, q := range ph.Questions {
			l.Items = append(l.Items, document.Text(q.Text))
		}
		out = append(out, l)
	}
	return out
}

func briefings(sc *scenario.Scenario, x texts) []document.Block {
	out := []document.Block{document.PageBreak{}, document.Heading{Level: 2, Text: x.T("teams")}}
	for _, t := range sc.Teams {
		out = append(out, document.Heading{Level: 3, Text: t.Name + " (" + kindName(x, t.Kind) + ")"})
		out = append(out, document.Markdown(t.Briefing)...)
	}
	return out
}
