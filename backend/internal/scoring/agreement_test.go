package scoring_test

import (
	"encoding/json"
	"math"
	"slices"
	"testing"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/scoring"
)

// ratings turns a contingency table (rows: rater A's category, columns:
// rater B's) into the two raters' lists of ratings.
func ratings(table [][]int, cats ...string) (a, b []string) {
	for i, row := range table {
		for j, n := range row {
			for range n {
				a, b = append(a, cats[i]), append(b, cats[j])
			}
		}
	}
	return a, b
}

func near(got *float64, want float64) bool { return got != nil && math.Abs(*got-want) < 5e-4 }

// Cohen's kappa against worked examples of the literature.
func TestCohenKappaKnownValues(t *testing.T) {
	cases := []struct {
		name          string
		table         [][]int
		cats          []string
		percent, want float64
	}{
		// 50 grant proposals read by two readers, yes/no: pₒ = 0.70,
		// pₑ = 0.5·0.6 + 0.5·0.4 = 0.50, κ = 0.40 (Wikipedia, "Cohen's kappa").
		{"2×2 proposals", [][]int{{20, 5}, {10, 15}}, []string{"yes", "no"}, 70, 0.4},
		// The same article's pair with equal agreement (60 %) but other
		// marginals: pₑ = 0.54, κ = 0.06/0.46 = 0.1304; pₑ = 0.46,
		// κ = 0.14/0.54 = 0.2593.
		{"2×2 symmetric marginals", [][]int{{45, 15}, {25, 15}}, []string{"yes", "no"}, 60, 0.1304},
		{"2×2 asymmetric marginals", [][]int{{25, 35}, {5, 35}}, []string{"yes", "no"}, 60, 0.2593},
		// Three categories, 100 patients diagnosed psychotic, neurotic or
		// organic by two raters (the kind of table Fleiss works through):
		// pₒ = 0.89, pₑ = 0.8·0.8 + 0.1·0.05 + 0.1·0.15 = 0.66,
		// κ = 0.23/0.34 = 0.6765.
		{"3×3 diagnoses", [][]int{{75, 1, 4}, {5, 4, 1}, {0, 0, 10}}, []string{"psychotic", "neurotic", "organic"}, 89, 0.6765},
		// Every item alike on a scale of several values: κ = 1.
		{"perfect", [][]int{{3, 0, 0, 0}, {0, 2, 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 2}}, []string{"P", "S", "M", "U"}, 100, 1},
		// Agreement exactly as chance would give: κ = 0.
		{"chance", [][]int{{1, 1}, {1, 1}}, []string{"P", "S"}, 50, 0},
		// Always disagreeing on two values: κ = −1.
		{"opposite", [][]int{{0, 2}, {2, 0}}, []string{"P", "S"}, 0, -1},
	}
	for _, c := range cases {
		a, b := ratings(c.table, c.cats...)
		f := scoring.Cohen(a, b)
		if f.Items != len(a) || math.Abs(f.Percent-c.percent) > 1e-9 || !near(f.Kappa, c.want) {
			t.Errorf("%s: %d items, %.2f%%, κ %v; want %.2f%%, κ %.4f", c.name, f.Items, f.Percent, derefKappa(f.Kappa), c.percent, c.want)
		}
		t.Logf("%s: %d items, %.1f%% agreement, κ = %.4f", c.name, f.Items, f.Percent, derefKappa(f.Kappa))
	}
}

// When both raters gave every item the same one score, chance agreement is
// 1 and kappa is not defined, although they agree on everything.
func TestCohenKappaUndefined(t *testing.T) {
	f := scoring.Cohen([]string{"S", "S", "S"}, []string{"S", "S", "S"})
	if f.Kappa != nil || f.Percent != 100 || f.Items != 3 {
		t.Fatalf("got %+v, κ %v; want 100%% and no kappa", f, derefKappa(f.Kappa))
	}
	// One rater using one value and the other another is defined: κ = 0.
	if f := scoring.Cohen([]string{"S", "S"}, []string{"M", "M"}); !near(f.Kappa, 0) || f.Percent != 0 {
		t.Fatalf("all S against all M: %+v κ %v", f, derefKappa(f.Kappa))
	}
	if f := scoring.Cohen(nil, nil); f.Items != 0 || f.Kappa != nil {
		t.Fatalf("no items: %+v", f)
	}
}

func derefKappa(f *float64) any {
	if f == nil {
		return "not defined"
	}
	return *f
}

// scorer adds facilitators' scores to a log.
type scorer struct {
	evs *[]exercise.Event
}

func (s scorer) score(team int64, by int64, name, criterion, value string, final bool) {
	raw, _ := json.Marshal(scoring.ScoreData{TeamID: team, Criterion: criterion, Value: value, ByUser: by, By: name, Final: final})
	seq := int64(len(*s.evs) + 1)
	*s.evs = append(*s.evs, exercise.Event{Seq: seq, Type: exercise.EvScore, Audience: exercise.StaffOnly, Data: raw,
		Offset: time.Hour, CreatedAt: time.Unix(0, 0).Add(time.Hour)})
}

// Two evaluators score a team on the whole rubric, three another; the
// report gives each team their agreement and the criteria where they differ.
func TestReportShowsAgreement(t *testing.T) {
	sc, ex, teams, evs := syntheticLog(t)
	s := scorer{&evs}
	keys := []string{"early-warning", "technical-exchange", "private-operators", "consultations", "directory", "regional-follow-up"}
	for i, v := range []string{"P", "S", "S", "M", "U", "P"} {
		s.score(1, 11, "Ana", keys[i], v, false)
	}
	for i, v := range []string{"P", "S", "M", "M", "U", "S"} {
		s.score(1, 12, "Ben", keys[i], v, false)
	}
	s.score(1, 13, "Lead", "private-operators", "S", true) // the agreed score, after both scored
	// Team 2: three raters on four criteria; Ben and Ana alike, Chen once apart.
	for i, v := range []string{"P", "S", "M", "U"} {
		s.score(2, 11, "Ana", keys[i], v, false)
		s.score(2, 12, "Ben", keys[i], v, false)
	}
	for i, v := range []string{"P", "S", "S", "U"} {
		s.score(2, 14, "Chen", keys[i], v, false)
	}
	// Team 3: one facilitator alone, marking the score agreed at once.
	s.score(3, 13, "Lead", "directory", "M", true)

	r := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0))
	one := r.Teams[0].Agreement
	if one == nil {
		t.Fatal("team 1 has no agreement")
	}
	t.Logf("team 1: %s, %d criteria, %.2f%% agreement, κ = %v, differ on %v", one.Method, one.Criteria, one.Percent, derefKappa(one.Kappa), one.Differing)
	// 4 of 6 alike; Ana P2 S2 M1 U1, Ben P1 S2 M2 U1: Σ = 9, κ = (6·4 − 9)/(36 − 9) = 15/27.
	if one.Method != scoring.MethodCohen || one.Criteria != 6 || math.Abs(one.Percent-200.0/3) > 1e-9 || !near(one.Kappa, 15.0/27) {
		t.Fatalf("team 1: %+v κ %v", one, derefKappa(one.Kappa))
	}
	if !slices.Equal(one.Differing, []string{"private-operators", "regional-follow-up"}) || len(one.Raters) != 2 || one.Raters[0].Name != "Ana" {
		t.Fatalf("team 1: differ on %v, raters %v", one.Differing, one.Raters)
	}
	// The lead's agreed score came after the others': it is not a third rating.
	if po := r.Teams[0].Scorecard[2]; len(po.Scores) != 2 || po.Final == nil || po.Final.Value != "S" || !po.Differ {
		t.Fatalf("private-operators: %+v", po)
	}

	two := r.Teams[1].Agreement
	if two == nil {
		t.Fatal("team 2 has no agreement")
	}
	t.Logf("team 2: %s, %d pairs, %.2f%% agreement, κ = %v, differ on %v", two.Method, len(two.Pairs), two.Percent, derefKappa(two.Kappa), two.Differing)
	// Pairs: Ana–Ben κ 1 (100 %), Ana–Chen and Ben–Chen κ 8/12 (75 %); Light's κ = (1 + 2·2/3)/3 = 7/9.
	if two.Method != scoring.MethodLight || len(two.Pairs) != 3 || !near(two.Kappa, 7.0/9) || math.Abs(two.Percent-250.0/3) > 1e-9 {
		t.Fatalf("team 2: %+v κ %v", two, derefKappa(two.Kappa))
	}
	if !slices.Equal(two.Differing, []string{"private-operators"}) {
		t.Fatalf("team 2 differs on %v", two.Differing)
	}

	// A single facilitator's agreed score is also theirs, and one rater is
	// no agreement to measure.
	three := r.Teams[2]
	if three.Agreement != nil {
		t.Fatalf("team 3: %+v", three.Agreement)
	}
	dir := three.Scorecard[4]
	if dir.Final == nil || len(dir.Scores) != 1 || dir.Scores[0].By != "Lead" || dir.Scores[0].Value != "M" {
		t.Fatalf("a single facilitator's agreed score: %+v", dir)
	}
	if r.Teams[3].Agreement != nil {
		t.Fatal("an unscored team has an agreement")
	}
}

// With three raters, one pair with no defined kappa makes Light's kappa not
// defined rather than the mean of the others.
func TestLightsKappaNeedsEveryPair(t *testing.T) {
	sc, ex, teams, evs := syntheticLog(t)
	s := scorer{&evs}
	for _, k := range []string{"early-warning", "technical-exchange"} {
		s.score(1, 11, "Ana", k, "S", false)
		s.score(1, 12, "Ben", k, "S", false)
	}
	s.score(1, 14, "Chen", "early-warning", "S", false)
	s.score(1, 14, "Chen", "technical-exchange", "M", false)
	ag := scoring.Build(sc, ex, teams, evs, time.Unix(0, 0)).Teams[0].Agreement
	if ag == nil || ag.Method != scoring.MethodLight || ag.Kappa != nil || ag.Pairs[0].Kappa != nil || ag.Pairs[1].Kappa == nil {
		t.Fatalf("got %+v", ag)
	}
	t.Logf("three raters, one pair always S: %.2f%% agreement, κ %v", ag.Percent, derefKappa(ag.Kappa))
}
