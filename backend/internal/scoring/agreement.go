package scoring

// Inter-rater agreement: when two or more evaluators scored the same team on
// the same criteria, how far their scores agree beyond what chance would
// give. A workshop's rubric is short (a handful of criteria), so the figures
// are indicative: they show the facilitators where to talk before they agree
// a score, not a statistical test.

// Rater is a facilitator who scored a team.
type Rater struct {
	UserID int64
	Name   string
}

// AgreementFigures is how far two raters agree over the items they both rated.
type AgreementFigures struct {
	Items   int      // items both rated
	Percent float64  // items rated alike, in per cent of Items
	Kappa   *float64 // Cohen's kappa; nil when not defined (chance agreement is 1)
}

// PairAgreement is the figures of one pair of raters.
type PairAgreement struct {
	A, B Rater
	AgreementFigures
}

// Agreement is how far the raters of one team agree across the rubric.
type Agreement struct {
	Raters []Rater
	// Method is "cohen" for one pair of raters and "light" for more: the
	// mean over every pair of Cohen's kappa (Light's kappa) and of the
	// percentage agreement.
	Method    string
	Criteria  int // criteria scored by two raters or more
	Percent   float64
	Kappa     *float64 // nil when not defined for a pair (see Cohen)
	Pairs     []PairAgreement
	Differing []string // criteria whose raters' latest scores differ
}

// The methods of Agreement.
const (
	MethodCohen = "cohen"
	MethodLight = "light"
)

// Cohen compares two raters who rated the same items, a[i] and b[i] being
// their ratings of item i, on a nominal scale (unweighted: S against M
// counts as much as P against U):
//
//	κ = (pₒ − pₑ) / (1 − pₑ)
//
// where pₒ is the share of items rated alike and pₑ = Σₖ pₐ(k)·p_b(k) the
// share chance would give, from each rater's own use of each category k.
// κ is not defined when pₑ is 1: both raters gave every item the same one
// rating, so there is nothing chance could not explain. Counting in whole
// numbers, κ = (n·agree − Σₖ aₖbₖ) / (n² − Σₖ aₖbₖ), so that case is found
// exactly.
func Cohen(a, b []string) AgreementFigures {
	n := min(len(a), len(b))
	if n == 0 {
		return AgreementFigures{}
	}
	agree := 0
	countA, countB := map[string]int{}, map[string]int{}
	for i := range n {
		if a[i] == b[i] {
			agree++
		}
		countA[a[i]]++
		countB[b[i]]++
	}
	chance := 0 // Σₖ aₖbₖ, chance agreement times n²
	for k, na := range countA {
		chance += na * countB[k]
	}
	f := AgreementFigures{Items: n, Percent: 100 * float64(agree) / float64(n)}
	if chance != n*n {
		k := float64(n*agree-chance) / float64(n*n-chance)
		f.Kappa = &k
	}
	return f
}

// agreementOf measures the raters of one team's scorecard; nil when no two
// raters scored a criterion in common.
func agreementOf(card []CriterionScore) *Agreement {
	raters := ratersOf(card)
	ag := &Agreement{Raters: []Rater{}, Pairs: []PairAgreement{}, Differing: []string{}}
	in := map[int64]bool{}
	for i := range raters {
		for j := i + 1; j < len(raters); j++ {
			a, b := pairRatings(card, raters[i].UserID, raters[j].UserID)
			if len(a) == 0 {
				continue
			}
			ag.Pairs = append(ag.Pairs, PairAgreement{A: raters[i], B: raters[j], AgreementFigures: Cohen(a, b)})
			in[raters[i].UserID], in[raters[j].UserID] = true, true
		}
	}
	if len(ag.Pairs) == 0 {
		return nil
	}
	for _, r := range raters {
		if in[r.UserID] {
			ag.Raters = append(ag.Raters, r)
		}
	}
	for _, cs := range card {
		if len(cs.Scores) >= 2 {
			ag.Criteria++
		}
		if cs.Differ {
			ag.Differing = append(ag.Differing, cs.Criterion)
		}
	}
	ag.Method = MethodCohen
	if len(ag.Pairs) > 1 {
		ag.Method = MethodLight
	}
	ag.Percent, ag.Kappa = meanOfPairs(ag.Pairs)
	return ag
}

// meanOfPairs is the mean percentage agreement and Light's kappa, the mean
// of the pairs' Cohen's kappa (for one pair, its own). Kappa is not defined
// when it is not for one of the pairs: leaving that pair out would drop the
// very raters who agreed on everything.
func meanOfPairs(pairs []PairAgreement) (float64, *float64) {
	var percent, kappa float64
	defined := true
	for _, p := range pairs {
		percent += p.Percent
		if p.Kappa == nil {
			defined = false
		} else {
			kappa += *p.Kappa
		}
	}
	n := float64(len(pairs))
	percent /= n
	if !defined {
		return percent, nil
	}
	kappa /= n
	return percent, &kappa
}

// ratersOf lists who scored the team, in the order they first appear.
func ratersOf(card []CriterionScore) []Rater {
	var out []Rater
	seen := map[int64]bool{}
	for _, cs := range card {
		for _, s := range cs.Scores {
			if !seen[s.ByUser] {
				seen[s.ByUser] = true
				out = append(out, Rater{UserID: s.ByUser, Name: s.By})
			}
		}
	}
	return out
}

// pairRatings are two raters' scores of the criteria both scored.
func pairRatings(card []CriterionScore, a, b int64) (as, bs []string) {
	for _, cs := range card {
		va, okA := valueBy(cs.Scores, a)
		vb, okB := valueBy(cs.Scores, b)
		if okA && okB {
			as, bs = append(as, va), append(bs, vb)
		}
	}
	return as, bs
}

func valueBy(scores []ScoreData, user int64) (string, bool) {
	for _, s := range scores {
		if s.ByUser == user {
			return s.Value, true
		}
	}
	return "", false
}
