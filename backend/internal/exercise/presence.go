package exercise

// Connected tells whether a participant is online given the event streams
// their session has open: a removed participant never is, even while a
// stream of theirs is still being closed.
func (p *Participant) Connected(openStreams int) bool {
	return p.RemovedAt == nil && openStreams > 0
}
