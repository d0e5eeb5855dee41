package exercise

import (
	"container/list"
	"sync"
	"time"
)

// Bounds of the projection cache. The scheduler reads every running exercise
// four times a second, so a running exercise never goes idle; what goes is an
// exercise someone looked at (a paused, ended or draft one, a report, a
// replay). The count is far above the exercises one server runs at once (a
// workshop runs one or a few), so running exercises do not push each other
// out; it caps memory when many old exercises are opened one after another.
const (
	DefaultCacheExercises = 100
	DefaultCacheIdle      = 10 * time.Minute
)

// projectionCache keeps the projections of recently used exercises, least
// recently used first out. An exercise that is not cached is folded again
// from its log on its next use, so eviction never changes an answer.
type projectionCache struct {
	mu        sync.Mutex
	max       int
	idle      time.Duration
	now       func() time.Time
	byID      map[int64]*list.Element // values *cacheEntry
	order     *list.List              // front: most recently used
	evictions uint64
}

type cacheEntry struct {
	id   int64
	p    *Projection
	used time.Time
}

func newProjectionCache(now func() time.Time) *projectionCache {
	return &projectionCache{max: DefaultCacheExercises, idle: DefaultCacheIdle, now: now,
		byID: map[int64]*list.Element{}, order: list.New()}
}

// get returns the cached projection of an exercise (nil when there is none)
// and marks it used.
func (c *projectionCache) get(id int64) *Projection {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	c.dropIdle(now)
	el := c.byID[id]
	if el == nil {
		return nil
	}
	c.touch(el, now)
	return el.Value.(*cacheEntry).p
}

// put caches p unless a newer projection of the exercise is already cached,
// then trims the cache to its bounds.
func (c *projectionCache) put(id int64, p *Projection) {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	if el := c.byID[id]; el != nil {
		e := el.Value.(*cacheEntry)
		if e.p.Seq <= p.Seq {
			e.p = p
		}
		c.touch(el, now)
	} else {
		c.byID[id] = c.order.PushFront(&cacheEntry{id: id, p: p, used: now})
	}
	c.dropIdle(now)
	for c.order.Len() > c.max {
		c.remove(c.order.Back())
	}
}

// sweep drops the entries idle for longer than the bound; the scheduler calls
// it on every tick, so memory is given back even when nothing else runs.
func (c *projectionCache) sweep() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropIdle(c.now())
}

func (c *projectionCache) setLimits(maxEntries int, idle time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.max, c.idle = max(maxEntries, 1), idle
	for c.order.Len() > c.max {
		c.remove(c.order.Back())
	}
	c.dropIdle(c.now())
}

func (c *projectionCache) stats() (size int, evictions uint64) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.dropIdle(c.now())
	return c.order.Len(), c.evictions
}

func (c *projectionCache) touch(el *list.Element, now time.Time) {
	el.Value.(*cacheEntry).used = now
	c.order.MoveToFront(el)
}

// dropIdle removes entries from the least recently used end while they have
// been idle too long; the list is in order of use, so it stops at the first
// entry used recently enough.
func (c *projectionCache) dropIdle(now time.Time) {
	if c.idle <= 0 {
		return
	}
	for el := c.order.Back(); el != nil && now.Sub(el.Value.(*cacheEntry).used) > c.idle; el = c.order.Back() {
		c.remove(el)
	}
}

func (c *projectionCache) remove(el *list.Element) {
	c.order.Remove(el)
	delete(c.byID, el.Value.(*cacheEntry).id)
	c.evictions++
}
