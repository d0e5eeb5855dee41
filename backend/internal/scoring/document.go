package scoring

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cbmex/cbmex/backend/internal/document"
	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// DocumentInfo is what the printed report takes from its workshop.
type DocumentInfo struct {
	Workshop       string // the workshop's title
	StartsOn       string // YYYY-MM-DD, or empty
	EndsOn         string
	Place          string
	Organiser      string
	Classification string // the handling line at the top of every page
}

// Document is the printable after-action report (PDF, .docx): the same
// sections as the web report, built from this copy of it — the one v may
// read (For) — so a team's file holds exactly what its web report shows.
// The labels are the web report's, in the report's language (English when
// the report's language has none).
func (r *Report) Document(v exercise.Viewer, info DocumentInfo) document.Doc {
	lang := labelLanguage(r.Language)
	w := docWriter{lang: lang, r: r, v: v, l: reportLabels[lang]}
	d := document.Doc{
		Title:          w.t("report.unavailableTitle"),
		Subtitle:       subtitle(info, r.Exercise),
		Classification: info.Classification,
		Lang:           r.Language,
	}
	w.overview(info)
	w.timeline()
	w.answers()
	w.scorecards()
	w.heatMap()
	w.notes()
	w.plan()
	w.definitions()
	d.Blocks = w.blocks
	return d
}

// subtitle names the workshop (or, without one, the exercise) and its dates.
func subtitle(info DocumentInfo, ex ExerciseInfo) string {
	name := info.Workshop
	if name == "" {
		name = ex.Title
	}
	if name == "" {
		name = ex.Scenario
	}
	dates := info.StartsOn
	if info.EndsOn != "" && info.EndsOn != info.StartsOn {
		if dates != "" {
			dates += " – "
		}
		dates += info.EndsOn
	}
	if dates == "" && ex.StartedAt != nil {
		dates = ex.StartedAt.UTC().Format("2006-01-02")
	}
	if dates == "" {
		return name
	}
	return name + ", " + dates
}

type labels map[string]string

// labelLanguage is the language of the labels for a report in lang: its
// own when the web report has it, else English.
func labelLanguage(lang string) string {
	base, _, _ := strings.Cut(lang, "-")
	if _, ok := reportLabels[base]; ok {
		return base
	}
	return "en"
}

type docWriter struct {
	lang   string // the labels' language
	r      *Report
	v      exercise.Viewer
	l      labels
	blocks []document.Block
}

func (w *docWriter) add(b ...document.Block) { w.blocks = append(w.blocks, b...) }

// t is the label key with its {{placeholders}} filled in from args (name,
// value pairs); a missing label falls back to English, then to the key.
func (w *docWriter) t(key string, args ...string) string {
	s, ok := w.l[key]
	if !ok {
		if s, ok = reportLabels["en"][key]; !ok {
			s = key
		}
	}
	for i := 0; i+1 < len(args); i += 2 {
		s = strings.ReplaceAll(s, "{{"+args[i]+"}}", args[i+1])
	}
	return s
}

// tOr is the label key, or def when there is none (a phase's own clock
// text, a status the labels do not know).
func (w *docWriter) tOr(key, def string) string {
	if _, ok := reportLabels["en"][key]; !ok {
		return def
	}
	return w.t(key)
}

// plural picks the form of key for n (key_one, key_few, key_many,
// key_other) by the CLDR rules of the six languages for whole numbers, as
// i18next does for the web report.
func (w *docWriter) plural(key string, n int, args ...string) string {
	form := "other"
	switch w.lang {
	case "ru":
		switch m10, m100 := n%10, n%100; {
		case m10 == 1 && m100 != 11:
			form = "one"
		case m10 >= 2 && m10 <= 4 && (m100 < 12 || m100 > 14):
			form = "few"
		default:
			form = "many"
		}
	case "fr":
		if n == 0 || n == 1 {
			form = "one"
		} else if n%1_000_000 == 0 {
			form = "many"
		}
	default:
		if n == 1 {
			form = "one"
		} else if (w.lang == "it" || w.lang == "es") && n != 0 && n%1_000_000 == 0 {
			form = "many"
		}
	}
	if _, ok := w.l[key+"_"+form]; !ok {
		form = "other"
	}
	return w.t(key+"_"+form, append(args, "count", strconv.Itoa(n))...)
}

func (w *docWriter) heading(level int, key string) {
	w.add(document.Heading{Level: level, Text: w.t(key)})
}

// teamName is a team by its role, with the delegation beside it when the
// report is attributed; 0 is the exercise control.
func (w *docWriter) teamName(id int64) string {
	if id == 0 {
		return w.t("control")
	}
	for _, x := range w.r.Roles {
		if x.TeamID == id {
			if x.Delegation != "" {
				return w.t("attribution.withDelegation", "role", x.Name, "delegation", x.Delegation)
			}
			return x.Name
		}
	}
	return w.t("teamNumber", "id", strconv.FormatInt(id, 10))
}

func (w *docWriter) teamNames(ids []int64) string {
	names := make([]string, len(ids))
	for i, id := range ids {
		names[i] = w.teamName(id)
	}
	return orDash(strings.Join(names, ", "))
}

// injectTitle is an inject's title in the report's language when the
// reader received the inject, else its key (as the web report, whose
// titles come from the injects the reader may list).
func (w *docWriter) injectTitle(key string) string {
	if !exercise.CanSee(w.v, w.r.injectAudience(key)) {
		return key
	}
	if in, ok := w.r.sc.Inject(key); ok && in.Title != "" {
		return in.Title
	}
	return key
}

func (w *docWriter) overview(info DocumentInfo) {
	r := w.r
	w.heading(1, "report.overview")
	if !r.Published {
		w.add(document.Paragraph{Runs: []document.Run{{Text: w.t("report.draftNotice"), Bold: true}}})
	}
	if w.v.TeamID != 0 {
		w.add(document.Paragraph{Runs: []document.Run{{Text: w.t("doc.copyFor", "team", w.teamName(w.v.TeamID)), Italic: true}}})
	}
	facts := [][2]string{
		{w.t("doc.workshop"), info.Workshop},
		{w.t("doc.place"), info.Place},
		{w.t("doc.organiser"), info.Organiser},
		{w.t("report.scenario"), w.t("report.scenarioVersion", "title", r.Exercise.Scenario, "version", strconv.Itoa(r.Exercise.Version))},
		{w.t("report.status"), w.tOr("status."+string(r.Exercise.Status), string(r.Exercise.Status))},
		{w.t("report.started"), wallTime(r.Exercise.StartedAt)},
		{w.t("report.ended"), wallTime(r.Exercise.EndedAt)},
		{w.t("report.played"), formatSeconds(&r.Exercise.Duration)},
		{w.t("report.teams"), w.teamNames(r.HeatMap.Teams)},
	}
	for _, f := range facts {
		if f[1] != "" {
			w.add(document.Labelled(f[0], f[1]))
		}
	}
	w.attribution()
	if r.Exercise.Summary != "" {
		w.add(document.Markdown(r.Exercise.Summary)...)
	}
	w.heading(2, "report.objectives")
	var objectives document.List
	for _, o := range r.Exercise.Objectives {
		p := document.Text(o.Text)
		if len(o.CBMs) > 0 {
			p.Runs = append(p.Runs, document.Run{Text: " (" + w.t("cbmList", "list", strings.Join(o.CBMs, ", ")) + ")", Italic: true})
		}
		objectives.Items = append(objectives.Items, p)
	}
	w.add(objectives)
}

// attribution says whom the report names: roles only (the default), or
// the delegations too, with why, who turned it on and when.
func (w *docWriter) attribution() {
	a := w.r.Attribution
	if a == nil {
		w.add(document.Paragraph{Runs: []document.Run{{Text: w.t("attribution.nonAttributive"), Italic: true}}})
		return
	}
	w.heading(3, "attribution.title")
	w.add(document.Text(w.t("attribution.lead")),
		document.Labelled(w.t("attribution.reason"), a.Reason),
		document.Labelled(w.t("attribution.turnedOn"), w.t("attribution.byAt", "by", orDash(a.By), "at", wallTime(&a.At))))
	t := document.Table{Header: []string{w.t("attribution.role"), w.t("attribution.delegation")}}
	for _, x := range w.r.Roles {
		if x.Delegation != "" {
			t.Rows = append(t.Rows, []string{x.Name, x.Delegation})
		}
	}
	if len(t.Rows) > 0 {
		w.add(t)
	}
}

func (w *docWriter) timeline() {
	w.heading(1, "report.timeline")
	t := document.Table{Header: []string{w.t("timeline.time"), w.t("timeline.kindCol"), w.t("timeline.what"), w.t("timeline.by"),
		w.t("timeline.to"), w.t("timeline.cbms")}, Widths: []float64{1.2, 1.8, 4.2, 2.2, 2.8, 1}}
	for _, e := range w.r.Timeline {
		what := e.Title
		if e.Kind == "message" || e.Kind == "request" {
			what = "#" + strconv.FormatInt(e.Seq, 10) + " " + what
		}
		if jump := w.jumpDetail(e); jump != "" {
			what += " · " + jump
		} else if e.Detail != "" {
			what += " · " + w.tOr("detail."+e.Detail, e.Detail)
		}
		by := "—"
		if e.TeamID != 0 || e.Kind == "message" || e.Kind == "request" {
			by = w.teamName(e.TeamID)
		}
		t.Rows = append(t.Rows, []string{formatSeconds(&e.At), w.tOr("timeline.kind."+e.Kind, e.Kind), what, by,
			w.teamNames(e.Teams), orDash(strings.Join(e.CBMs, ", "))})
	}
	w.add(t)
}

// jumpDetail says what a jump to a phase did, as the web report's timeline
// does: the jump itself (from when, who, at what time of day), or an inject
// it released or skipped; "" for any other entry.
func (w *docWriter) jumpDetail(e TimelineEntry) string {
	if e.Detail != "jump" && e.Detail != "jump_skipped" {
		return ""
	}
	by := e.By
	if by == "" {
		by = w.t("readable.jump.someone")
	}
	at := "—"
	if e.Wall != nil {
		at = e.Wall.UTC().Format("15:04 UTC")
	}
	switch {
	case e.Kind == "clock":
		from := 0.0
		if e.FromAt != nil {
			from = *e.FromAt
		}
		return w.t("readable.jump.jumped", "from", formatSeconds(&from), "by", by, "at", at)
	case e.Detail == "jump_skipped":
		return w.t("readable.jump.skipped", "by", by, "at", at, "due", formatSeconds(e.DueAt))
	}
	return w.t("readable.jump.released", "by", by, "at", at, "due", formatSeconds(e.DueAt))
}

func (w *docWriter) answers() {
	w.heading(1, "report.answers")
	if len(w.r.Answers) == 0 {
		w.add(document.Text(w.t("report.noAnswers")))
	}
	var teams []int64
	for _, a := range w.r.Answers {
		if !slices.Contains(teams, a.TeamID) {
			teams = append(teams, a.TeamID)
		}
	}
	for _, team := range teams {
		w.add(document.Heading{Level: 2, Text: w.teamName(team)})
		phase := ""
		for _, a := range w.r.Answers {
			if a.TeamID != team {
				continue
			}
			if a.Phase != phase {
				phase = a.Phase
				w.add(document.Heading{Level: 3, Text: orKey(a.PhaseTitle, a.Phase)})
			}
			w.add(document.Bold(orKey(a.QuestionText, a.Question)), byLine(a.Text, a.By))
		}
	}
	w.statements()
}

// byLine is a participant's text and, after a dash, who wrote it.
func byLine(text, by string) document.Paragraph {
	p := document.Text(text)
	if by != "" {
		p.Runs = append(p.Runs, document.Run{Text: " — " + by, Italic: true})
	}
	return p
}

func (w *docWriter) statements() {
	if len(w.r.Statements) == 0 {
		return
	}
	w.heading(2, "tour.title")
	phase := ""
	for _, s := range w.r.Statements {
		if s.Phase != phase {
			phase = s.Phase
			w.add(document.Heading{Level: 3, Text: orKey(s.PhaseTitle, s.Phase)})
		}
		who := w.teamName(s.TeamID)
		if s.SpokeFor != nil {
			sec := s.SpokeFor.Seconds()
			who += " · " + w.t("tour.spoke", "time", formatSeconds(&sec))
		}
		w.add(document.Bold(who), byLine(s.Text, s.By))
	}
}

func (w *docWriter) scorecards() {
	r := w.r
	w.heading(1, "report.scorecards")
	values := []string{"P", "S", "M", "U"}
	if r.Exercise.Scale == "numeric" {
		values = []string{"4", "3", "2", "1", "0"}
	}
	var legend []string
	for _, v := range values {
		legend = append(legend, v+" — "+w.t("scale."+scaleKey(r.Exercise.Scale)+"."+v))
	}
	w.add(document.Paragraph{Runs: []document.Run{{Text: w.t("report.scaleLegend") + " " + strings.Join(legend, "; ")}}, Small: true})
	titles := map[string]string{}
	for _, c := range r.Exercise.Criteria {
		titles[c.Key] = c.Title
	}
	for _, team := range r.Teams {
		w.add(document.Heading{Level: 2, Text: w.teamName(team.TeamID)})
		w.scorecard(team, titles)
		w.agreement(team.Agreement, titles)
		w.add(document.Labelled(w.t("strengths"), orDash(team.Strengths)),
			document.Labelled(w.t("improvements"), orDash(team.Improvements)))
		w.measured(team)
	}
}

func scaleKey(scale string) string {
	if scale == "numeric" {
		return "numeric"
	}
	return "psmu"
}

func (w *docWriter) scorecard(team TeamReport, titles map[string]string) {
	t := document.Table{Header: []string{w.t("scorecard.criterion"), w.t("scorecard.agreed"), w.t("scorecard.facilitators"),
		w.t("scorecard.comment")}, Widths: []float64{3, 1.5, 2.5, 3.8}}
	for _, c := range team.Scorecard {
		final := "—"
		if c.Final != nil {
			final = c.Final.Value
		}
		var given, comments []string
		for _, s := range c.Scores {
			given = append(given, s.By+": "+s.Value)
			if s.Comment != "" {
				comments = append(comments, s.Comment)
			}
		}
		scores := orDash(strings.Join(given, " · "))
		if c.Differ {
			scores += " (" + w.t("scorecard.differ") + ")"
		}
		comment := strings.Join(comments, " / ")
		if c.Final != nil && c.Final.Comment != "" {
			comment = c.Final.Comment
		}
		comment = orDash(comment)
		if c.Final != nil && len(c.Final.Evidence) > 0 {
			ids := make([]string, len(c.Final.Evidence))
			for i, e := range c.Final.Evidence {
				ids[i] = "#" + strconv.FormatInt(e, 10)
			}
			comment += " (" + w.t("scorecard.evidence", "list", strings.Join(ids, ", ")) + ")"
		}
		t.Rows = append(t.Rows, []string{orKey(titles[c.Criterion], c.Criterion), final, scores, comment})
	}
	w.add(t)
}

// agreement sums up how far the team's raters agree, as the web report's
// panel does (the pairs stay on the web).
func (w *docWriter) agreement(a *Agreement, titles map[string]string) {
	if a == nil {
		return
	}
	names := make([]string, len(a.Raters))
	for i, x := range a.Raters {
		names[i] = x.Name
	}
	percent, kappa := "agreement.percent", "agreement.cohen"
	if a.Method == "light" {
		percent, kappa = "agreement.percentMean", "agreement.light"
	}
	k := w.t("agreement.notDefined")
	if a.Kappa != nil {
		k = strconv.FormatFloat(*a.Kappa, 'f', 2, 64)
	}
	w.add(document.Heading{Level: 3, Text: w.t("agreement.title")},
		document.Text(w.t("agreement.raters", "names", strings.Join(names, ", "))),
		document.Labelled(w.t("agreement.criteria"), strconv.Itoa(a.Criteria)),
		document.Labelled(w.t(percent), fmt.Sprintf("%.0f %%", a.Percent)),
		document.Labelled(w.t(kappa), k))
	if len(a.Differing) > 0 {
		differ := make([]string, len(a.Differing))
		for i, c := range a.Differing {
			differ[i] = orKey(titles[c], c)
		}
		w.add(document.Labelled(strings.TrimSuffix(w.t("agreement.differ"), ":"), strings.Join(differ, ", ")))
	}
}

// measured is what the system measured for the team: evidence beside the
// rubric, never the score.
func (w *docWriter) measured(team TeamReport) {
	m := team.Metrics
	w.add(document.Heading{Level: 3, Text: w.t("report.measured")},
		document.Paragraph{Runs: []document.Run{{Text: w.t("evidence.notScore"), Italic: true}}, Small: true},
		document.Labelled(w.t("evidence.messagesSent"), strconv.Itoa(m.MessagesSent)),
		document.Labelled(w.t("evidence.messagesReceived"), strconv.Itoa(m.MessagesReceived)),
		document.Labelled(w.t("evidence.requestsSent"), w.t("evidence.requestsAnswered", "sent", strconv.Itoa(m.RequestsSent), "answered", strconv.Itoa(m.RequestsAnswered))),
		document.Labelled(w.t("evidence.medianAck"), formatSeconds(m.MedianAckSeconds)),
		document.Labelled(w.t("evidence.medianAnswer"), formatSeconds(m.MedianAnswerSeconds)),
		document.Labelled(w.t("evidence.poc"), w.t(map[bool]string{true: "evidence.pocComplete", false: "evidence.pocIncomplete"}[m.PoCComplete])))

	w.add(document.Bold(w.t("evidence.injectResponses")))
	responses := slices.Clone(m.InjectResponses)
	slices.SortStableFunc(responses, func(a, b InjectResponse) int {
		if a.ReleasedAt != b.ReleasedAt {
			return map[bool]int{true: -1, false: 1}[a.ReleasedAt < b.ReleasedAt]
		}
		return strings.Compare(a.Inject, b.Inject)
	})
	if len(responses) == 0 {
		w.add(document.Text(w.t("evidence.none")))
	} else {
		t := document.Table{Header: []string{w.t("evidence.inject"), w.t("evidence.releasedAt"), w.t("evidence.firstAction")}, Widths: []float64{4, 1, 1.3}}
		for _, x := range responses {
			first := w.t("evidence.noAction")
			if x.FirstActionSecs != nil {
				first = formatSeconds(x.FirstActionSecs)
			}
			t.Rows = append(t.Rows, []string{w.injectTitle(x.Inject), formatSeconds(&x.ReleasedAt), first})
		}
		w.add(t)
	}

	w.add(document.Bold(w.t("evidence.requestsReceived")))
	if len(m.RequestsReceived) == 0 {
		w.add(document.Text(w.t("evidence.none")))
	} else {
		t := document.Table{Header: []string{w.t("evidence.request"), w.t("evidence.from"), w.t("evidence.status"), w.t("evidence.ack"), w.t("evidence.answer")}}
		for _, x := range m.RequestsReceived {
			req := "#" + strconv.FormatInt(x.Message, 10)
			if x.Kind != "" {
				req += " " + w.tOr("kinds."+x.Kind, x.Kind)
			}
			t.Rows = append(t.Rows, []string{req, w.teamName(x.From), w.tOr("requestStatus."+x.Status, x.Status), formatSeconds(x.AckSecs), formatSeconds(x.AnswerSecs)})
		}
		w.add(t)
	}

	w.expected(m.Expected)
	w.cbmUse(m)
	if len(m.CommChecks) > 0 {
		w.add(document.Bold(w.t("evidence.commChecks")))
		var l document.List
		for _, c := range m.CommChecks {
			ack := w.t("evidence.notAcked")
			if c.AckSecs != nil {
				ack = w.t("evidence.ackedAfter", "time", formatSeconds(c.AckSecs))
			}
			l.Items = append(l.Items, document.Text(w.t("evidence.commCheck", "id", strconv.FormatInt(c.Check, 10))+": "+ack))
		}
		w.add(l)
	}
}

// expected lists the expected actions with their status and timing, as the
// web report's list does.
func (w *docWriter) expected(actions []ExpectedResult) {
	w.add(document.Bold(w.t("evidence.expected")))
	if len(actions) == 0 {
		w.add(document.Text(w.t("evidence.none")))
		return
	}
	var l document.List
	for _, x := range actions {
		status := w.tOr("expectedEvidence.status."+x.Status, x.Status)
		if x.Timing != "" {
			status += ", " + w.t("expectedEvidence.timing."+x.Timing)
		}
		details := []string{w.injectTitle(x.Inject)}
		if x.AfterSecs != nil {
			if *x.AfterSecs < 0 {
				before := -*x.AfterSecs
				details = append(details, w.t("expectedEvidence.beforeInject", "time", formatSeconds(&before)))
			} else {
				details = append(details, w.t("expectedEvidence.afterInject", "time", formatSeconds(x.AfterSecs)))
			}
		}
		if x.WithinSecs != nil {
			details = append(details, w.t("evidence.within", "time", formatSeconds(x.WithinSecs)))
		}
		l.Items = append(l.Items, document.Paragraph{Runs: []document.Run{
			{Text: status + ": ", Bold: true}, {Text: x.Text}, {Text: " (" + strings.Join(details, " · ") + ")", Italic: true}}})
	}
	w.add(l)
}

func (w *docWriter) cbmUse(m Metrics) {
	w.add(document.Bold(w.t("evidence.cbmUse")))
	all := slices.Collect(maps.Keys(m.CBMUse))
	for _, c := range m.ExpectedCBMs {
		if !slices.Contains(all, c) {
			all = append(all, c)
		}
	}
	if len(all) == 0 {
		w.add(document.Text(w.t("evidence.none")))
		return
	}
	slices.SortFunc(all, compareCBM)
	var l document.List
	for _, c := range all {
		s := w.plural("evidence.cbmCount", m.CBMUse[c], "cbm", c)
		if slices.Contains(m.ExpectedCBMs, c) {
			s += " · " + w.t("evidence.expectedCbm")
		}
		l.Items = append(l.Items, document.Text(s))
	}
	w.add(l)
}

// compareCBM orders CBM numbers as numbers ("2" before "10").
func compareCBM(a, b string) int {
	x, errA := strconv.Atoi(a)
	y, errB := strconv.Atoi(b)
	if errA == nil && errB == nil {
		return x - y
	}
	return strings.Compare(a, b)
}

// heatMap is the CBM × team table; ★ marks a CBM the scenario expected of
// the team (the web page's shading has no place on paper).
func (w *docWriter) heatMap() {
	h := w.r.HeatMap
	w.heading(1, "report.heatMap")
	if len(h.CBMs) == 0 {
		w.add(document.Text(w.t("heat.empty")))
		return
	}
	w.add(document.Paragraph{Runs: []document.Run{{Text: w.t("doc.heatLegend")}}, Small: true})
	t := document.Table{Header: []string{w.t("heat.cbm")}, Widths: []float64{1.4}}
	for _, team := range h.Teams {
		t.Header = append(t.Header, w.teamName(team))
		t.Widths = append(t.Widths, 1)
	}
	for _, c := range h.CBMs {
		row := []string{w.t("cbm", "cbm", c)}
		for _, team := range h.Teams {
			cell := strconv.Itoa(h.Counts[c][team])
			if h.Expect[c][team] {
				cell += " ★"
			}
			row = append(row, cell)
		}
		t.Rows = append(t.Rows, row)
	}
	w.add(t)
}

func (w *docWriter) notes() {
	if len(w.r.Notes) == 0 {
		return
	}
	w.heading(1, "report.notes")
	var l document.List
	for _, n := range w.r.Notes {
		l.Items = append(l.Items, document.Paragraph{Runs: []document.Run{{Text: formatSeconds(&n.At) + " ", Bold: true},
			{Text: n.Text}, {Text: " — " + n.By, Italic: true}}})
	}
	w.add(l)
}

func (w *docWriter) plan() {
	w.heading(1, "plan.title")
	if len(w.r.Plan) == 0 {
		w.add(document.Text(w.t("plan.empty")))
		return
	}
	t := document.Table{Header: []string{w.t("plan.recommendation"), w.t("plan.cbm"), w.t("plan.owner"), w.t("plan.due"), w.t("plan.by")},
		Widths: []float64{5, 1.2, 2, 1.3, 1.8}}
	for _, p := range w.r.Plan {
		cbmCell := "—"
		if p.CBM != "" {
			cbmCell = w.t("cbm", "cbm", p.CBM)
		}
		t.Rows = append(t.Rows, []string{p.Recommendation, cbmCell, orDash(p.Owner), orDash(p.Due), orDash(p.By)})
	}
	w.add(t)
}

func (w *docWriter) definitions() {
	if len(w.r.Definitions) == 0 {
		return
	}
	w.heading(1, "report.definitions")
	for _, k := range slices.Sorted(maps.Keys(w.r.Definitions)) {
		w.add(document.Labelled(w.t("definitions."+k), w.r.Definitions[k]))
	}
}

// formatSeconds is exercise time as m:ss or h:mm:ss, "—" when unknown (the
// web report's formatSeconds).
func formatSeconds(s *float64) string {
	if s == nil {
		return "—"
	}
	total := max(0, int(*s+0.5))
	h, m, sec := total/3600, total%3600/60, total%60
	if h > 0 {
		return fmt.Sprintf("%d:%02d:%02d", h, m, sec)
	}
	return fmt.Sprintf("%d:%02d", m, sec)
}

// wallTime is a wall-clock time in UTC, the same on every reader's copy.
func wallTime(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return t.UTC().Format("2006-01-02 15:04 UTC")
}

func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func orKey(text, key string) string {
	if text == "" {
		return key
	}
	return text
}
