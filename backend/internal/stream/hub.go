// Package stream fans an exercise's new events out to the open event
// streams of this process. Writers (or, across replicas, PostgreSQL
// LISTEN/NOTIFY) only say "exercise X has new events"; the hub then reads
// the rows once and hands each subscriber the ones it may see.
package stream

import (
	"context"
	"encoding/json"
	"log/slog"
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

	mu      sync.Mutex
	topics  map[int64]*topic
	pending map[int64]bool
	count   int
}

type topic struct {
	cursor int64 // last seq handed to subscribers
	subs   map[*Sub]struct{}
}

// Sub is one open stream.
type Sub struct {
	C          chan *Delivery
	Done       chan struct{} // closed when the hub drops the subscriber
	exerciseID int64
	viewer     exercise.Viewer
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
		SafetyInterval: 5 * time.Second, listening: make(chan struct{})}
}

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
func (h *Hub) Subscribe(ctx context.Context, exerciseID int64, v exercise.Viewer, sessionID string) (*Sub, error) {
	s := &Sub{C: make(chan *Delivery, Buffer), Done: make(chan struct{}), exerciseID: exerciseID, viewer: v, sessionID: sessionID}
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
	t := h.topics[exerciseID]
	if t == nil {
		t = &topic{cursor: lastSeq, subs: map[*Sub]struct{}{}}
		h.topics[exerciseID] = t
	}
	t.subs[s] = struct{}{}
	h.count++
	return s, nil
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

// Notify says an exercise has new events. It never blocks: notifications
// for the same exercise coalesce while one is pending.
func (h *Hub) Notify(exerciseID int64) {
	h.mu.Lock()
	if h.pending[exerciseID] || h.topics[exerciseID] == nil {
		h.mu.Unlock()
		return
	}
	h.pending[exerciseID] = true
	h.mu.Unlock()
	select {
	case h.kick <- exerciseID:
	default:
		// The queue is full of other exercises; drop the mark so a later
		// notification retries. A periodic NotifyAll also catches up.
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

// deliver reads the events after the topic's cursor and hands them out.
func (h *Hub) deliver(ctx context.Context, exerciseID int64) error {
	h.mu.Lock()
	t := h.topics[exerciseID]
	if t == nil {
		h.mu.Unlock()
		return nil
	}
	cursor := t.cursor
	h.mu.Unlock()
	for {
		evs, err := h.src.Events(ctx, exerciseID, cursor, 500)
		if err != nil {
			return err
		}
		if len(evs) == 0 {
			return nil
		}
		h.fanOut(t, evs)
		cursor = evs[len(evs)-1].Seq
	}
}

func (h *Hub) fanOut(t *topic, evs []exercise.Event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for i := range evs {
		e := &evs[i]
		if e.Seq <= t.cursor {
			continue
		}
		t.cursor = e.Seq
		removed := removedSession(*e)
		var d *Delivery // encoded on first use, shared by every stream
		for s := range t.subs {
			if removed != "" && s.sessionID == removed {
				h.drop(t, s, "removed")
				continue
			}
			if !exercise.CanSee(s.viewer, e.Audience) {
				continue
			}
			if d == nil {
				d = &Delivery{Seq: e.Seq, Frame: Frame(e)}
			}
			select {
			case s.C <- d:
			default:
				h.drop(t, s, "slow")
			}
		}
	}
}

// drop removes a subscriber (h.mu held); a topic without subscribers goes,
// so an exercise nobody watches costs nothing.
func (h *Hub) drop(t *topic, s *Sub, reason string) {
	delete(t.subs, s)
	h.count--
	s.close(reason)
	if len(t.subs) == 0 && h.topics[s.exerciseID] == t {
		delete(h.topics, s.exerciseID)
	}
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

// Connected returns the sessions with an open stream on this exercise in
// this process.
func (h *Hub) Connected(exerciseID int64) map[string]int {
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

// Why says why the hub dropped the subscriber (removed, slow, shutdown).
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
