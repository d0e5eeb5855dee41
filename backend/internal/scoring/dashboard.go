package scoring

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/cbmex/cbmex/backend/internal/cbm"
	"github.com/cbmex/cbmex/backend/internal/exercise"
	"github.com/cbmex/cbmex/backend/internal/workshop"
)

// Dashboard is what organisers see across exercises and workshops: how well
// the CBMs were used — per CBM, per scenario and its roles, per workshop.
// Like the reports it grades no real participating State: only a workshop
// that turned on attributed results adds rows per delegation, marked as
// such.
type Dashboard struct {
	Exercises   []DashExercise
	CBMs        []DashCBM        // in catalogue order
	MostUsed    []RankedCBM      // the first ranks by uses, ties shown whole
	LeastUsed   []RankedCBM      // likewise from the least used, unused CBMs included
	Scenarios   []DashScenario   // by title
	Workshops   []DashWorkshop   // in the order the exercises came
	Delegations []DashDelegation // attributed workshops only
}

// DashExercise is one exercise counted.
type DashExercise struct {
	ID         int64
	Title      string
	WorkshopID int64
	Workshop   string
	Scenario   string
	Status     exercise.Status
	StartedAt  *time.Time
	Attributed bool // its workshop turned on attributed results
}

// Expectations counts a scenario's expected actions: one per action and
// team it concerns, for the injects that were released.
type Expectations struct {
	Expected int
	Observed int // observed, or a candidate a facilitator confirmed
	InTime   int // of those, within the action's time limit (early counts)
}

func (x *Expectations) add(e ExpectedResult) {
	x.Expected++
	if e.Observed {
		x.Observed++
		if e.InTime {
			x.InTime++
		}
	}
}

// DashCBM is one CBM across the exercises.
type DashCBM struct {
	CBM                string
	Uses               int // messages that used it
	TeamsUsing         int // teams that used it, each exercise's teams counted apart
	ExercisesExpecting int // exercises in which the scenario expected it of a team
	Expectations           // the expected actions that name it
}

// RankedCBM is a CBM's place in the most or least used list.
type RankedCBM struct {
	CBM  string
	Uses int
	Rank int // equal uses share a rank, and the next rank skips (1, 2, 2, 4)
}

// rankTop is how many ranks the most and least used lists show; a tie at
// the last rank is shown whole.
const rankTop = 3

// DashScenario is one scenario across the exercises that played it (all
// its versions).
type DashScenario struct {
	Scenario string
	Figures
	Roles []DashRole // in the order the scenario's teams came
}

// DashRole is one role of a scenario (a fictional State) across the
// exercises of the scenario, whoever played it.
type DashRole struct {
	Key  string
	Name string
	Figures
}

// DashWorkshop is one workshop across its exercises.
type DashWorkshop struct {
	ID          int64
	Title       string
	Attribution *workshop.Attribution // nil: non-attributive
	Figures
}

// DashDelegation is one delegation's team in one exercise of a workshop
// with attributed results.
type DashDelegation struct {
	Delegation  string
	Role        string
	WorkshopID  int64
	Workshop    string
	ExerciseID  int64
	Exercise    string
	Scenario    string
	Date        *time.Time
	Attribution workshop.Attribution
	Figures
	Final []DashScore // its agreed scores, in the rubric's order
}

// DashScore is one agreed score.
type DashScore struct {
	Criterion      string
	CriterionTitle string
	Value          string
}

// Figures add up the teams of a group: how often they used the CBMs, how
// fast they reacted to requests, which expected actions were observed.
type Figures struct {
	Exercises           int
	Teams               int
	MessagesSent        int
	MedianAckSeconds    *float64
	MedianAnswerSeconds *float64
	CBMUse              map[string]int
	Scores              map[string]int // agreed final scores: value → how many
	Expectations

	exercises     map[int64]bool
	acks, answers []float64
}

func newFigures() Figures {
	return Figures{CBMUse: map[string]int{}, Scores: map[string]int{}, exercises: map[int64]bool{}}
}

func (f *Figures) addTeam(exerciseID int64, t TeamReport) {
	f.exercises[exerciseID] = true
	f.Exercises = len(f.exercises)
	f.Teams++
	f.MessagesSent += t.Metrics.MessagesSent
	for c, n := range t.Metrics.CBMUse {
		f.CBMUse[c] += n
	}
	for _, rt := range t.Metrics.RequestsReceived {
		if rt.AckSecs != nil {
			f.acks = append(f.acks, *rt.AckSecs)
		}
		if rt.AnswerSecs != nil {
			f.answers = append(f.answers, *rt.AnswerSecs)
		}
	}
	f.MedianAckSeconds, f.MedianAnswerSeconds = median(f.acks), median(f.answers)
	for _, e := range t.Metrics.Expected {
		f.Expectations.add(e)
	}
	for _, cs := range t.Scorecard {
		if cs.Final != nil {
			f.Scores[cs.Final.Value]++
		}
	}
}

// Played is an exercise of a workshop the caller may run, with what the
// dashboard needs to know of the workshop.
type Played struct {
	ExerciseID  int64
	WorkshopID  int64
	Workshop    string
	Attribution *workshop.Attribution // the workshop's; nil: non-attributive
}

// Dashboard aggregates the reports of the given exercises; those not
// started yet count for nothing.
func (s *Service) Dashboard(ctx context.Context, played []Played) (*Dashboard, error) {
	runs := make([]dashRun, 0, len(played))
	for _, p := range played {
		ex, teams, err := s.ex.Get(ctx, p.ExerciseID)
		if err != nil {
			return nil, err
		}
		if ex.Clock.Status == exercise.Draft {
			continue
		}
		b, err := s.buildOf(ctx, ex, teams)
		if err != nil {
			return nil, err
		}
		b.r.Attribute(p.Attribution)
		runs = append(runs, dashRun{r: b.r, scenario: b.sc.ID, p: p})
	}
	return aggregate(runs), nil
}

// dashRun is one played exercise's staff report.
type dashRun struct {
	r        *Report
	scenario string // the scenario's id, which groups its versions
	p        Played
}

func aggregate(runs []dashRun) *Dashboard {
	d := &Dashboard{Exercises: []DashExercise{}, Scenarios: []DashScenario{}, Workshops: []DashWorkshop{}, Delegations: []DashDelegation{}}
	a := aggregator{cbms: map[string]*DashCBM{}, scenarios: map[string]*DashScenario{}, workshops: map[int64]*DashWorkshop{}}
	for _, run := range runs {
		r := run.r
		d.Exercises = append(d.Exercises, DashExercise{ID: r.Exercise.ID, Title: r.Exercise.Title, WorkshopID: run.p.WorkshopID,
			Workshop: run.p.Workshop, Scenario: r.Exercise.Scenario, Status: r.Exercise.Status, StartedAt: r.Exercise.StartedAt,
			Attributed: r.Attribution != nil})
		a.add(run)
		if r.Attribution != nil {
			d.Delegations = append(d.Delegations, delegations(run)...)
		}
	}
	d.CBMs = a.cbmList()
	d.MostUsed, d.LeastUsed = rankCBMs(d.CBMs)
	for _, s := range a.scenarioOrder {
		d.Scenarios = append(d.Scenarios, *a.scenarios[s])
	}
	slices.SortStableFunc(d.Scenarios, func(x, y DashScenario) int { return cmp.Compare(x.Scenario, y.Scenario) })
	for _, id := range a.workshopOrder {
		d.Workshops = append(d.Workshops, *a.workshops[id])
	}
	return d
}

type aggregator struct {
	cbms          map[string]*DashCBM
	scenarios     map[string]*DashScenario
	scenarioOrder []string
	workshops     map[int64]*DashWorkshop
	workshopOrder []int64
}

func (a *aggregator) add(run dashRun) {
	r := run.r
	for _, c := range r.HeatMap.CBMs { // the scenario's CBMs, used or not
		a.cbm(c)
	}
	sc, ws := a.scenario(run), a.workshop(run.p)
	expecting := map[string]bool{}
	for _, t := range r.Teams {
		for c, n := range t.Metrics.CBMUse {
			if n > 0 {
				a.cbm(c).Uses += n
				a.cbm(c).TeamsUsing++
			}
		}
		for _, e := range t.Metrics.Expected {
			for _, c := range e.CBMs {
				a.cbm(c).Expectations.add(e)
				expecting[c] = true
			}
		}
		sc.addTeam(r.Exercise.ID, t)
		sc.role(t).addTeam(r.Exercise.ID, t)
		ws.addTeam(r.Exercise.ID, t)
	}
	for c := range expecting {
		a.cbm(c).ExercisesExpecting++
	}
}

func (a *aggregator) cbm(key string) *DashCBM {
	c := a.cbms[key]
	if c == nil {
		c = &DashCBM{CBM: key}
		a.cbms[key] = c
	}
	return c
}

func (a *aggregator) cbmList() []DashCBM {
	keys := make([]string, 0, len(a.cbms))
	for k := range a.cbms {
		keys = append(keys, k)
	}
	cbm.SortKeys(keys)
	out := make([]DashCBM, 0, len(keys))
	for _, k := range keys {
		out = append(out, *a.cbms[k])
	}
	return out
}

func (a *aggregator) scenario(run dashRun) *DashScenario {
	s := a.scenarios[run.scenario]
	if s == nil {
		s = &DashScenario{Figures: newFigures(), Roles: []DashRole{}}
		a.scenarios[run.scenario] = s
		a.scenarioOrder = append(a.scenarioOrder, run.scenario)
	}
	s.Scenario = run.r.Exercise.Scenario // the latest title
	return s
}

// role is the scenario's tally of a role, found by its key (stable across
// versions), under the latest name.
func (s *DashScenario) role(t TeamReport) *Figures {
	for i := range s.Roles {
		if s.Roles[i].Key == t.Key {
			s.Roles[i].Name = t.Name
			return &s.Roles[i].Figures
		}
	}
	s.Roles = append(s.Roles, DashRole{Key: t.Key, Name: t.Name, Figures: newFigures()})
	return &s.Roles[len(s.Roles)-1].Figures
}

func (a *aggregator) workshop(p Played) *DashWorkshop {
	w := a.workshops[p.WorkshopID]
	if w == nil {
		w = &DashWorkshop{ID: p.WorkshopID, Title: p.Workshop, Attribution: p.Attribution, Figures: newFigures()}
		a.workshops[p.WorkshopID] = w
		a.workshopOrder = append(a.workshopOrder, p.WorkshopID)
	}
	return w
}

// delegations are the rows of an attributed exercise: one per team whose
// delegation staff recorded.
func delegations(run dashRun) []DashDelegation {
	r := run.r
	titles := map[string]string{}
	for _, c := range r.Exercise.Criteria {
		titles[c.Key] = cmp.Or(c.Title, c.Key)
	}
	var out []DashDelegation
	for _, t := range r.Teams {
		if t.Delegation == "" {
			continue
		}
		dd := DashDelegation{Delegation: t.Delegation, Role: t.Name, WorkshopID: run.p.WorkshopID, Workshop: run.p.Workshop,
			ExerciseID: r.Exercise.ID, Exercise: r.Exercise.Title, Scenario: r.Exercise.Scenario, Date: r.Exercise.StartedAt,
			Attribution: *r.Attribution, Figures: newFigures(), Final: []DashScore{}}
		dd.addTeam(r.Exercise.ID, t)
		for _, cs := range t.Scorecard {
			if cs.Final != nil {
				dd.Final = append(dd.Final, DashScore{Criterion: cs.Criterion, CriterionTitle: titles[cs.Criterion], Value: cs.Final.Value})
			}
		}
		out = append(out, dd)
	}
	return out
}

// rankCBMs makes the most and least used lists. Equal uses share a rank
// and are all shown, so that no CBM is left out of a list for coming later
// in the catalogue than another used as often. A CBM no one used is never
// among the most used, and is the first of the least used.
func rankCBMs(cbms []DashCBM) (most, least []RankedCBM) {
	used := slices.DeleteFunc(slices.Clone(cbms), func(c DashCBM) bool { return c.Uses == 0 })
	most = ranked(used, func(a, b DashCBM) int { return cmp.Compare(b.Uses, a.Uses) })
	least = ranked(cbms, func(a, b DashCBM) int { return cmp.Compare(a.Uses, b.Uses) })
	return most, least
}

// ranked orders cbms (in catalogue order) by order, ranks them, and keeps
// the first rankTop ranks.
func ranked(cbms []DashCBM, order func(a, b DashCBM) int) []RankedCBM {
	s := slices.Clone(cbms)
	slices.SortStableFunc(s, order)
	out := []RankedCBM{}
	for i, c := range s {
		rank := i + 1
		if i > 0 && c.Uses == s[i-1].Uses {
			rank = out[i-1].Rank
		}
		if rank > rankTop {
			break
		}
		out = append(out, RankedCBM{CBM: c.CBM, Uses: c.Uses, Rank: rank})
	}
	return out
}
