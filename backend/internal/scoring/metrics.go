package scoring

import (
	"slices"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// metrics measures one team's behaviour from the folded log.
func (b *builder) metrics(t exercise.Team) Metrics {
	m := Metrics{CBMUse: map[string]int{}, InjectResponses: []InjectResponse{}, RequestsReceived: []RequestTiming{},
		Expected: []ExpectedResult{}, ExpectedCBMs: []string{}, CommChecks: []CommCheckTime{}}
	sent := b.sentBy(t.ID)
	b.countMessages(&m, t.ID, sent)
	b.injectResponses(&m, t, sent)
	b.requests(&m, t.ID)
	entries, _ := b.p.PointsOfContact(b.sc, t)
	m.PoCComplete = exercise.PoCComplete(entries)
	for _, cc := range b.p.CommChecksInOrder() {
		ct := CommCheckTime{Check: cc.Seq}
		if a, ok := cc.AckOf(t); ok {
			ct.AckSecs = secs(a.After)
		}
		m.CommChecks = append(m.CommChecks, ct)
	}
	return m
}

// sentBy lists a team's messages in log order.
func (b *builder) sentBy(teamID int64) []*exercise.Message {
	var out []*exercise.Message
	for _, seq := range b.p.MailOrder {
		if m := b.p.Mail[seq]; m.From == teamID {
			out = append(out, m)
		}
	}
	return out
}

func (b *builder) countMessages(m *Metrics, teamID int64, sent []*exercise.Message) {
	m.MessagesSent = len(sent)
	for _, msg := range sent {
		for _, c := range msg.Tags() {
			m.CBMUse[c]++
		}
		if msg.Kind != "" {
			m.RequestsSent++
			if msg.Step("answered") != nil {
				m.RequestsAnswered++
			}
		}
	}
	for _, seq := range b.p.MailOrder {
		msg := b.p.Mail[seq]
		if msg.From != teamID && (msg.All || slices.Contains(msg.To, teamID)) {
			m.MessagesReceived++
		}
	}
}

// injectResponses measures, for every inject that reached the team, the
// time to its first message, and checks the scenario's expected actions.
func (b *builder) injectResponses(m *Metrics, t exercise.Team, sent []*exercise.Message) {
	for _, in := range b.sc.Injects {
		r, ok := b.p.ReleasedInfo[in.Key]
		if !ok || !exercise.CanSee(exercise.Viewer{TeamID: t.ID}, r.Audience) {
			continue
		}
		released := b.p.Released[in.Key]
		ir := InjectResponse{Inject: in.Key, ReleasedAt: released.Seconds()}
		if first := firstAfter(sent, released, nil); first != nil {
			ir.FirstActionSecs = secs(first.Offset - released)
		}
		m.InjectResponses = append(m.InjectResponses, ir)
		for _, a := range in.ExpectedActions {
			if !a.ExpectedOf(t.Key) {
				continue
			}
			m.Expected = append(m.Expected, b.expected(t, in, a, released, sent))
			for _, c := range a.CBMs {
				if !slices.Contains(m.ExpectedCBMs, c) {
					m.ExpectedCBMs = append(m.ExpectedCBMs, c)
				}
			}
		}
	}
}

// firstAfter is the team's first message at or after t that uses one of
// cbms (any message when cbms is empty).
func firstAfter(sent []*exercise.Message, t time.Duration, cbms []string) *exercise.Message {
	for _, m := range sent {
		if m.Offset < t {
			continue
		}
		if len(cbms) == 0 || slices.ContainsFunc(m.Tags(), func(c string) bool { return slices.Contains(cbms, c) }) {
			return m
		}
	}
	return nil
}

// requests measures how fast the team acknowledged and answered the
// requests sent to it.
func (b *builder) requests(m *Metrics, teamID int64) {
	var acks, answers []float64
	for _, seq := range b.p.MailOrder {
		msg := b.p.Mail[seq]
		if msg.Kind == "" || !slices.Contains(msg.To, teamID) {
			continue
		}
		rt := RequestTiming{Message: msg.Seq, From: msg.From, Kind: msg.Kind, Status: msg.Status}
		if st := msg.Step("acknowledged"); st != nil && st.TeamID == teamID {
			rt.AckSecs = secs(st.Offset - msg.Offset)
			acks = append(acks, *rt.AckSecs)
		}
		if st := msg.Step("answered"); st != nil && st.TeamID == teamID {
			rt.AnswerSecs = secs(st.Offset - msg.Offset)
			answers = append(answers, *rt.AnswerSecs)
		}
		m.RequestsReceived = append(m.RequestsReceived, rt)
	}
	m.MedianAckSeconds, m.MedianAnswerSeconds = median(acks), median(answers)
}
