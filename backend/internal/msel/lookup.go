package msel

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"github.com/cbmex/cbmex/backend/internal/scenario"
)

// baseInfo is what rows may refer to in the scenario they are imported
// into. It is read loosely from the YAML, so that an import can also repair
// a scenario whose current injects are broken.
type baseInfo struct {
	teams  []named
	phases []phaseInfo
}

type named struct{ key, name string }

type phaseInfo struct {
	named
	start time.Duration
}

func readBase(root *yaml.Node) baseInfo {
	var doc struct {
		Teams []struct {
			Key  string `yaml:"key"`
			Name string `yaml:"name"`
		} `yaml:"teams"`
		Phases []struct {
			Key      string `yaml:"key"`
			Title    string `yaml:"title"`
			StartsAt string `yaml:"starts_at"`
		} `yaml:"phases"`
	}
	_ = root.Decode(&doc) // type errors leave the rest decoded; Parse reports them later
	var b baseInfo
	for _, t := range doc.Teams {
		b.teams = append(b.teams, named{t.Key, t.Name})
	}
	for _, p := range doc.Phases {
		start, _ := parseOffset(p.StartsAt)
		b.phases = append(b.phases, phaseInfo{named{p.Key, p.Title}, start})
	}
	return b
}

// find matches a key exactly (ignoring case) or a name loosely.
func find(items []named, s string) (string, bool) {
	for _, it := range items {
		if strings.EqualFold(it.key, strings.TrimSpace(s)) {
			return it.key, true
		}
	}
	n := normalize(s)
	for _, it := range items {
		if n != "" && normalize(it.name) == n {
			return it.key, true
		}
	}
	return "", false
}

func keys(items []named) string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.key
	}
	return strings.Join(out, ", ")
}

func (b baseInfo) phaseNames() []named {
	out := make([]named, len(b.phases))
	for i, p := range b.phases {
		out[i] = p.named
	}
	return out
}

// phaseAt is the phase running at an offset: the last one started by then.
func (b baseInfo) phaseAt(at time.Duration) (string, bool) {
	ps := append([]phaseInfo(nil), b.phases...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].start < ps[j].start })
	key := ""
	for _, p := range ps {
		if p.start <= at {
			key = p.key
		}
	}
	return key, key != ""
}

// channelNames maps loose channel names, as normalize leaves them, to the
// inject channels. Exact keys are matched too ("phone_call" → "phone call").
var channelNames = map[string]scenario.InjectChannel{
	"news": scenario.InjectNews, "news article": scenario.InjectNews, "news item": scenario.InjectNews,
	"article": scenario.InjectNews, "press": scenario.InjectNews, "press article": scenario.InjectNews,
	"newspaper": scenario.InjectNews, "media": scenario.InjectNews, "media report": scenario.InjectNews,
	"tv": scenario.InjectNews, "radio": scenario.InjectNews, "broadcast": scenario.InjectNews,

	"intelligence report": scenario.InjectIntelligenceReport, "intelligence": scenario.InjectIntelligenceReport,
	"intel": scenario.InjectIntelligenceReport, "intel report": scenario.InjectIntelligenceReport,
	"intelligence briefing": scenario.InjectIntelligenceReport, "threat report": scenario.InjectIntelligenceReport,

	"official note": scenario.InjectOfficialNote, "note": scenario.InjectOfficialNote,
	"official": scenario.InjectOfficialNote, "note verbale": scenario.InjectOfficialNote,
	"diplomatic note": scenario.InjectOfficialNote, "letter": scenario.InjectOfficialNote,
	"official letter": scenario.InjectOfficialNote, "memo": scenario.InjectOfficialNote,
	"official statement": scenario.InjectOfficialNote, "statement": scenario.InjectOfficialNote,

	"social media": scenario.InjectSocialMedia, "social": scenario.InjectSocialMedia,
	"social media post": scenario.InjectSocialMedia, "post": scenario.InjectSocialMedia,
	"tweet": scenario.InjectSocialMedia, "twitter": scenario.InjectSocialMedia,

	"email": scenario.InjectEmail, "e mail": scenario.InjectEmail, "mail": scenario.InjectEmail,

	"phone call": scenario.InjectPhoneCall, "phone": scenario.InjectPhoneCall, "call": scenario.InjectPhoneCall,
	"telephone": scenario.InjectPhoneCall, "telephone call": scenario.InjectPhoneCall,
	"voice call": scenario.InjectPhoneCall,

	"situation report": scenario.InjectSituationReport, "sitrep": scenario.InjectSituationReport,
	"sit rep": scenario.InjectSituationReport, "situation update": scenario.InjectSituationReport,
	"report": scenario.InjectSituationReport, "situation": scenario.InjectSituationReport,
}

func parseChannel(cell string) (scenario.InjectChannel, string) {
	if strings.TrimSpace(cell) == "" {
		return scenario.InjectSituationReport, "" // the neutral default: an update on the situation
	}
	if c, ok := channelNames[normalize(cell)]; ok {
		return c, ""
	}
	valid := make([]string, len(scenario.InjectChannels))
	for i, c := range scenario.InjectChannels {
		valid[i] = string(c)
	}
	return "", fmt.Sprintf("the channel %q is not one cbmex knows; use one of %s (or a common name such as E-mail, Phone, News article)",
		strings.TrimSpace(cell), strings.Join(valid, ", "))
}

var (
	allWords          = map[string]bool{"all": true, "everyone": true, "everybody": true, "all teams": true, "all players": true, "plenary": true}
	facilitatorsWords = map[string]bool{"facilitators": true, "facilitator": true, "facilitators only": true, "control": true, "exercise control": true}
	listSep           = regexp.MustCompile(`[,;\n]`)
)

// parseAudience reads a To cell: all, facilitators, or teams by key or name.
func parseAudience(cell string, teams []named) (scenario.Audience, string) {
	n := normalize(cell)
	switch {
	case n == "" || allWords[n]:
		return scenario.Audience{All: true}, ""
	case facilitatorsWords[n]:
		return scenario.Audience{Facilitators: true}, ""
	}
	var a scenario.Audience
	var unknown []string
	for _, part := range listSep.Split(cell, -1) {
		if strings.TrimSpace(part) == "" {
			continue
		}
		if key, ok := find(teams, part); ok {
			a.Teams = append(a.Teams, key)
		} else {
			unknown = append(unknown, fmt.Sprintf("%q", strings.TrimSpace(part)))
		}
	}
	if len(unknown) > 0 {
		return a, fmt.Sprintf("the recipient %s is not a team of this scenario; write all, facilitators, or team keys or names among: %s",
			strings.Join(unknown, ", "), keys(teams))
	}
	return a, ""
}

var cbmPrefix = regexp.MustCompile(`(?i)^(cbm|#)\s*`)

// parseCBMs reads "8, 2", "8;2", "CBM 8" or "8 2" as item keys; Parse checks
// them against the catalogue.
func parseCBMs(cell string) []string {
	var out []string
	for _, part := range strings.FieldsFunc(cell, func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		part = cbmPrefix.ReplaceAllString(strings.TrimSpace(part), "")
		for _, k := range strings.Fields(part) {
			out = append(out, k)
		}
	}
	return out
}

var keyRe = regexp.MustCompile(`^[a-z0-9]+([_-][a-z0-9]+)*$`)

// slug makes a key from a title: "Gas pressure falls!" → "gas-pressure-falls".
func slug(s string, maxLen int) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	out := b.String()
	if len(out) > maxLen {
		out = strings.TrimRight(out[:maxLen], "-")
	}
	if out == "" {
		return "inject"
	}
	return out
}
