package httpapi

import "time"

// The JSON views share these conversions. A list keeps its shape on the
// wire: where a view says a list is never null, it is made non-nil here;
// where the domain's nil meant null before, each keeps it nil.

// each converts a list for a view, keeping nil as nil and empty as empty.
func each[T, U any](xs []T, f func(T) U) []U {
	if xs == nil {
		return nil
	}
	out := make([]U, len(xs))
	for i, x := range xs {
		out[i] = f(x)
	}
	return out
}

func secs(d time.Duration) int64 { return int64(d / time.Second) }

func secsPtr(d *time.Duration) *int64 {
	if d == nil {
		return nil
	}
	s := secs(*d)
	return &s
}

// seconds is a duration as fractional seconds, for a field that is null
// when absent.
func seconds(d time.Duration) *float64 {
	f := d.Seconds()
	return &f
}

func nonNil(xs []string) []string {
	if xs == nil {
		return []string{}
	}
	return xs
}

func nonNilIDs(ids []int64) []int64 {
	if ids == nil {
		return []int64{}
	}
	return ids
}
