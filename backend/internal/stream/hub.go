// Package stream fans an exercise's new events out to the open event
// streams of this process. A writer of this process hands the hub the
// events it has just committed; other replicas (through PostgreSQL
// LISTEN/NOTIFY) and the safety net only say "exercise X has new events",
// and the hub then reads the rows once. Either way each subscriber gets the
// ones it may see, in order and without a gap.
package stream

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"slices"
	"sync"
	"time"

	"github.com/cbmex/cbmex/backend/internal/exercise"
)

// Source reads the log.
type Source interface {
	Events(ctx context.Context, exerciseID, afterSeq int64, limit int) ([]exercise.Event, error)
	Exercise(ctx context.Context, id int64) (*exercise.Exercise, error)
}

// Buffer is how many events a subscriber may fall behind before it is cut
// off; it then reconnects with Last-Event-ID and loses nothing. Events are
// passed by pointer (shared, read-only), so an idle stream's buffer costs
// Buffer × 8 bytes.
const Buffer = 128

// Hub is the per-process fan-out.
type Hub struct {
	src  Source
	log  *slog.Logger
	kick chan int64

	// SafetyInterval is how often every watched exercise is re-read in case
	// a notification was lost. Set it before Run.
	SafetyInterval time.Duration
	listening      chan struct{}
	listenOnce     sync.Once

	// PerSession and PerAddress cap the open streams of one session and of
	// one client address (0: no cap). Set them before Run.
	PerSession, PerAddress int
	// WriteTimeout bounds each write to a client (DefaultWriteTimeout).
	WriteTimeout time.Duration
	// Now is the clock that session expiry is judged by (the auth service's).
	Now func() time.Time
	// Presence shares who is connected with the other replicas (nil: this
	// process only).
	Presence PresenceStore
	// Localize reads an event in a language (nil: events go as written).
	// The fan-out calls it once per event and language in use, never per
	// stream. Set it before Run.
	Localize func(ctx context.Context, exerciseID int64, e exercise.Event, lang string) (exercise.Event, error)
	replica  string

	access accessState

	mu        sync.Mutex
	topics    map[int64]*topic
	pending   map[int64]bool
	count     int
	bySession map[string]int
	byAddress map[string]int
	presence  presenceState
}

type topic struct {
	cursor int64 // last seq handed to subscribers
	subs   map[*Sub]struct{}
	// handed are committed events writers of this process handed over, not
	// yet delivered; stale says events may exist that nobody handed over
	// (another replica's, or too many handed), so the table must be read.
	handed []exercise.Event
	stale  bool
	// readers counts the streams reading in each language slot, so the
	// fan-out knows which languages to prepare without a pass over them.
	readers [len(languageSlots)]int
}

// maxHanded bounds the events kept for one exercise between two
// deliveries; past it the hub forgets them and reads the table instead.
const maxHanded = 1000

// Access is who holds a stream: what the hub needs to end it when that
// access ends.
type Access struct {
	SessionID string
	Staff     bool      // re-checked when staff accounts or assignments change
	Address   string    // client address, for the per-address cap
	Expires   time.Time // the session's end; the stream ends with it
}

// Sub is one open stream.
type Sub struct {
	C          chan *Delivery
	Done       chan struct{} // closed when the hub drops the subscriber
	exerciseID int64
	viewer     exercise.Viewer
	lang       int // the slot of viewer.Language in languageSlots
	access     Access
	sessionID  string
	once       sync.Once
	Reason     string
}

func (s *Sub) close(reason string) {
	s.once.Do(func() { s.Reason = reason; close(s.Done) })
}

// NewHub returns a hub; call Run to start delivering.
func NewHub(src Source, log *slog.Logger) *Hub {
	return &Hub{src: src, log: log, kick: make(chan int64, 1024), topics: map[int64]*topic{}, pending: map[int64]bool{},
		bySession: map[string]int{}, byAddress: map[string]int{}, replica: randomReplicaID(), Now: time.Now, WriteTimeout: DefaultWriteTimeout,
		SafetyInterval: 5 * time.Second, listening: make(chan struct{}), access: newAccessState()}
}

// ErrTooManyStreams is returned by Subscribe when the session or the address
// already holds as many streams as allowed.
var ErrTooManyStreams = errors.New("too many open streams")

// Count is the number of open streams (for metrics).
func (h *Hub) Count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.count
}

// Subscribe registers a stream. Register before replaying the backlog: every
// event after the hub's cursor at this moment will be delivered, so backlog
// and live events overlap rather than leave a gap (the reader drops repeats
// by sequence number).
func (h *Hub) Subscribe(ctx context.Context, exerciseID int64, v exercise.Viewer, a Access) (*Sub, error) {
	s := &Sub{C: make(chan *Delivery, Buffer), Done: make(chan struct{}), exerciseID: exerciseID, viewer: v, access: a, sessionID: a.SessionID,
		lang: languageSlot(v.Language)}
	if !a.Expires.IsZero() && !h.Now().Before(a.Expires) {
		s.close(ReasonExpired)
		return s, nil
	}
	h.mu.Lock()
	_, known := h.topics[exerciseID]
	h.mu.Unlock()
	var lastSeq int64
	if !known {
		ex, err := h.src.Exercise(ctx, exerciseID)
		if err != nil {
			return nil, err
		}
		lastSeq = ex.LastSeq
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.full(a) {
		return nil, ErrTooManyStreams
	}
	t := h.topics[exerciseID]
	if t == nil {
		t = &topic{cursor: lastSeq, subs: map[*Sub]struct{}{}}
		h.topics[exerciseID] = t
	}
	t.subs[s] = struct{}{}
	t.readers[s.lang]++
	h.count++
	h.bySession[a.SessionID]++
	h.byAddress[a.Address]++
	h.presence.changed = true
	return s, nil
}

// full tells whether a's session or address is at its cap (h.mu held).
func (h *Hub) full(a Access) bool {
	return (h.PerSession > 0 && h.bySession[a.SessionID] >= h.PerSession) ||
		(h.PerAddress > 0 && a.Address != "" && h.byAddress[a.Address] >= h.PerAddress)
}

// Unsubscribe removes a stream.
func (h *Hub) Unsubscribe(s *Sub) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if t := h.topics[s.exerciseID]; t != nil {
		if _, ok := t.subs[s]; ok {
			h.drop(t, s, "unsubscribed")
		}
	}
	s.close("unsubscribed")
}

// Notify says an exercise has new events. A writer passes the events it has
// just committed, which are then delivered without reading them back; with
// none (another replica's NOTIFY, the safety net) the hub reads the table.
// It never blocks: notifications for the same exercise coalesce while one is
// pending.
func (h *Hub) Notify(exerciseID int64, evs ...exercise.Event) {
	h.mark(exerciseID, func(t *topic) bool {
		switch {
		case len(evs) == 0:
			t.stale = true
		case len(t.handed)+len(evs) > maxHanded:
			t.handed, t.stale = nil, true
		default:
			t.handed = append(t.handed, evs...)
		}
		return true
	})
}

// Committed says the exercise's log is committed up to seq (a PostgreSQL
// NOTIFY: another replica's append, or this replica's own coming back). The
// hub reads the table only when it has neither delivered nor been handed
// that far.
func (h *Hub) Committed(exerciseID, seq int64) {
	h.mark(exerciseID, func(t *topic) bool {
		if seq <= t.cursor || slices.ContainsFunc(t.handed, func(e exercise.Event) bool { return e.Seq >= seq }) {
			return false
		}
		t.stale = true
		return true
	})
}

// mark lets note record what is new for an exercise's topic and, when it
// says there is something to deliver, queues the exercise once.
func (h *Hub) mark(exerciseID int64, note func(t *topic) bool) {
	h.mu.Lock()
	t := h.topics[exerciseID]
	if t == nil || !note(t) || h.pending[exerciseID] {
		h.mu.Unlock()
		return
	}
	h.pending[exerciseID] = true
	h.mu.Unlock()
	select {
	case h.kick <- exerciseID:
	default:
		// The queue is full of other exercises; drop the mark so a later
		// notification retries (the handed events wait in the topic). A
		// periodic NotifyAll also catches up.
		h.mu.Lock()
		delete(h.pending, exerciseID)
		h.mu.Unlock()
	}
}

// NotifyAll pokes every exercise with subscribers (after a reconnect of the
// PostgreSQL listener, and periodically as a safety net).
func (h *Hub) NotifyAll() {
	h.mu.Lock()
	ids := make([]int64, 0, len(h.topics))
	for id := range h.topics {
		ids = append(ids, id)
	}
	h.mu.Unlock()
	for _, id := range ids {
		h.Notify(id)
	}
}

// Run delivers until ctx ends.
func (h *Hub) Run(ctx context.Context) {
	go h.guard(ctx)
	go h.publishPresence(ctx)
	safety := time.NewTicker(h.SafetyInterval)
	defer safety.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-safety.C:
			h.NotifyAll()
		case id := <-h.kick:
			h.mu.Lock()
			delete(h.pending, id)
			h.mu.Unlock()
			if err := h.deliver(ctx, id); err != nil && ctx.Err() == nil {
				h.log.Warn("stream delivery failed", "exercise", id, "err", err)
			}
		}
	}
}

// deliver hands out the events after the topic's cursor: those writers
// handed over while they follow the cursor without a gap, then, if any may
// be missing, those read from the table.
func (h *Hub) deliver(ctx context.Context, exerciseID int64) error {
	h.mu.Lock()
	t := h.topics[exerciseID]
	if t == nil {
		h.mu.Unlock()
		return nil
	}
	handed, stale := t.handed, t.stale
	t.handed, t.stale = nil, false
	cursor := t.cursor
	h.mu.Unlock()
	run, gap := following(handed, cursor)
	if len(run) > 0 {
		h.fanOut(ctx, exerciseID, t, run)
		cursor = run[len(run)-1].Seq
	}
	if !stale && !gap {
		return nil
	}
	for {
		evs, err := h.src.Events(ctx, exerciseID, cursor, readBatch)
		if err != nil {
			return err
		}
		if len(evs) > 0 {
			h.fanOut(ctx, exerciseID, t, evs)
			cursor = evs[len(evs)-1].Seq
		}
		// A short page is the end: rows committed after the read come with
		// their own notification, which queues another delivery.
		if len(evs) < readBatch {
			return nil
		}
	}
}

// readBatch is how many events the hub reads at a time.
const readBatch = 500

// following returns the handed events that continue after cursor without a
// gap, and whether one was found (writers of one process may hand over their
// events out of commit order; the table then fills the gap).
func following(handed []exercise.Event, cursor int64) (run []exercise.Event, gap bool) {
	slices.SortFunc(handed, func(a, b exercise.Event) int { return cmp.Compare(a.Seq, b.Seq) })
	next := cursor
	for _, e := range handed {
		switch {
		case e.Seq <= next:
			continue // already delivered (read from the table)
		case e.Seq != next+1:
			return run, true
		}
		run = append(run, e)
		next = e.Seq
	}
	return run, false
}

func (h *Hub) fanOut(ctx context.Context, exerciseID int64, t *topic, evs []exercise.Event) {
	variants := h.localizeAll(ctx, exerciseID, t, evs)
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range evs {
		e := &evs[i]
		if e.Seq <= t.cursor {
			continue
		}
		t.cursor = e.Seq
		removed := removedSession(*e)
		// Encoded on first use, once per language (index 0: as written),
		// shared by every stream reading in it.
		var frames [len(languageSlots)]*Delivery
		vs := variants[i]
		for s := range t.subs {
			if removed != "" && s.sessionID == removed {
				h.drop(t, s, ReasonRemoved)
				continue
			}
			if !exercise.CanSee(s.viewer, e.Audience) {
				continue
			}
			slot := 0
			if vs != nil && vs[s.lang] != nil {
				slot = s.lang
			}
			d := frames[slot]
			if d == nil {
				ev := e
				if slot != 0 {
					ev = vs[slot]
				}
				d = &Delivery{Seq: e.Seq, Frame: Frame(ev)}
				frames[slot] = d
			}
			select {
			case s.C <- d:
			default:
				h.drop(t, s, "slow")
			}
		}
	}
}

// languageSlots are the languages a stream may read in, by slot: 0 is the
// scenario as written. A fixed array keeps the fan-out's per-stream work a
// lookup by index.
var languageSlots = [...]string{"", "en", "fr", "de", "it", "ru", "es"}

func languageSlot(lang string) int {
	for i, l := range languageSlots {
		if l == lang {
			return i
		}
	}
	return 0
}

// variants are an event read in each language, by slot; nil where it reads
// as written.
type variants = *[len(languageSlots)]*exercise.Event

// localizeAll reads each event with scenario texts in each language the
// topic's streams read in, before the hub's lock is taken: the first read
// of a language may load its translation. Only variants that differ from
// the event as written are kept; a stream reading in another language (or
// one that subscribed meanwhile) gets the event as written, which says so
// by carrying no lang.
func (h *Hub) localizeAll(ctx context.Context, exerciseID int64, t *topic, evs []exercise.Event) map[int]variants {
	if h.Localize == nil {
		return nil
	}
	h.mu.Lock()
	readers := t.readers
	h.mu.Unlock()
	var out map[int]variants
	for i, e := range evs {
		if !exercise.Localizable(e.Type) {
			continue
		}
		for slot, n := range readers {
			if slot == 0 || n == 0 {
				continue
			}
			loc, err := h.Localize(ctx, exerciseID, e, languageSlots[slot])
			if err != nil {
				h.log.Warn("an event could not be read in a language; it goes as written", "exercise", exerciseID,
					"lang", languageSlots[slot], "err", err)
				continue
			}
			if bytes.Equal(loc.Data, e.Data) { // an ad-hoc inject reads the same in every language
				continue
			}
			if out == nil {
				out = map[int]variants{}
			}
			if out[i] == nil {
				out[i] = new([len(languageSlots)]*exercise.Event)
			}
			out[i][slot] = &loc
		}
	}
	return out
}

// drop removes a subscriber (h.mu held); a topic without subscribers goes,
// so an exercise nobody watches costs nothing.
func (h *Hub) drop(t *topic, s *Sub, reason string) {
	delete(t.subs, s)
	t.readers[s.lang]--
	h.count--
	decrement(h.bySession, s.access.SessionID)
	decrement(h.byAddress, s.access.Address)
	h.presence.changed = true
	s.close(reason)
	if len(t.subs) == 0 && h.topics[s.exerciseID] == t {
		delete(h.topics, s.exerciseID)
	}
}

func decrement(m map[string]int, k string) {
	if m[k] <= 1 {
		delete(m, k)
		return
	}
	m[k]--
}

// removedSession returns the session a participant.removed event ends.
func removedSession(e exercise.Event) string {
	if e.Type != exercise.EvRemoved {
		return ""
	}
	var d exercise.ParticipantData
	_ = json.Unmarshal(e.Data, &d)
	return d.SessionID
}

// local returns the sessions with an open stream on this exercise in this
// process.
func (h *Hub) local(exerciseID int64) map[string]int {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := map[string]int{}
	if t := h.topics[exerciseID]; t != nil {
		for s := range t.subs {
			out[s.sessionID]++
		}
	}
	return out
}

// CloseAll ends every open stream (at shutdown: clients reconnect to
// another replica, or to this one when it is back, and lose nothing).
func (h *Hub) CloseAll() {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, t := range h.topics {
		for s := range t.subs {
			h.drop(t, s, "shutdown")
		}
	}
}

// Events is the channel of deliveries for this subscriber.
func (s *Sub) Events() <-chan *Delivery { return s.C }

// Closed is closed when the hub drops the subscriber.
func (s *Sub) Closed() <-chan struct{} { return s.Done }

// Why says why the hub dropped the subscriber (removed, slow, shutdown,
// signed_out, expired, access_removed).
func (s *Sub) Why() string {
	select {
	case <-s.Done:
		return s.Reason
	default:
		return ""
	}
}

// Listening is closed once the PostgreSQL listener has subscribed.
func (h *Hub) Listening() <-chan struct{} { return h.listening }

func (h *Hub) markListening() { h.listenOnce.Do(func() { close(h.listening) }) }
