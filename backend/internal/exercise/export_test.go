package exercise

import "context"

// TourAppend lets the tests decide a tour step as OpenTour and NextSpeaker
// do, to write in between the read and the write.
func (s *Service) TourAppend(ctx context.Context, exerciseID int64, decide func(*Projection) ([]NewEvent, error)) error {
	return s.tourAppend(ctx, exerciseID, decide)
}
