package exercise

// closeBidi ends, at the end of s, every explicit bidirectional embedding,
// override and isolate that s opens and does not close, so that a name
// typed with a right-to-left override (U+202E) cannot reverse the text that
// follows it wherever it is shown as plain text: a sentence of the live log,
// a confirmation dialog, a CSV export, a screen that forgot to isolate it.
// The name itself keeps the controls its author typed and reads as they
// meant it to. The matching follows UAX #9: a PDF closes the innermost
// embedding or override unless an isolate is open inside it; a PDI closes
// the innermost isolate and whatever was opened after it.
func closeBidi(s string) string {
	const (
		pdf = '\u202C'
		pdi = '\u2069'
	)
	var open []rune // what is open, innermost last: pdf or pdi, the character that closes it
	for _, r := range s {
		switch r {
		case '\u202A', '\u202B', '\u202D', '\u202E': // LRE, RLE, LRO, RLO
			open = append(open, pdf)
		case '\u2066', '\u2067', '\u2068': // LRI, RLI, FSI
			open = append(open, pdi)
		case pdf:
			if n := len(open); n > 0 && open[n-1] == pdf {
				open = open[:n-1]
			}
		case pdi:
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == pdi {
					open = open[:i]
					break
				}
			}
		}
	}
	if len(open) == 0 {
		return s
	}
	closing := make([]rune, len(open))
	for i, c := range open {
		closing[len(open)-1-i] = c
	}
	return s + string(closing)
}
