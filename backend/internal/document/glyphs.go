package document

import (
	"encoding/binary"
	"strings"
	"sync"
	"unicode"
)

// fpdf indexes its glyph widths by rune within the Basic Multilingual Plane
// and panics on a rune above it (an emoji in a message subject), and prints
// nothing useful for a rune the font lacks. Printable keeps every text the
// PDF draws to what the embedded DejaVu Sans has.

// replacement stands in for a character the font cannot draw.
const replacement = '\uFFFD'

var (
	glyphsOnce sync.Once
	glyphs     map[rune]bool // the runes DejaVu Sans maps to a glyph
)

// Printable is s as the embedded font can print it: control characters
// other than line breaks and tabs are dropped, and a character the font has
// no glyph for becomes U+FFFD (�). Builders that draw on NewPDF's pages
// themselves (certificates) pass names and other free text through it.
func Printable(s string) string {
	glyphsOnce.Do(func() { glyphs = cmapRunes(fontRegular) })
	clean := true
	for _, r := range s {
		if !glyphs[r] && r != '\n' && r != '\t' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '\n' || r == '\t' || glyphs[r]:
			b.WriteRune(r)
		case unicode.IsControl(r) || unicode.In(r, unicode.Cf, unicode.Mn):
			// dropped: invisible, or a combining mark the font cannot place
		default:
			b.WriteRune(replacement)
		}
	}
	return b.String()
}

// cmapRunes reads the Unicode BMP character map (format 4 subtable of
// platform 3, encoding 1, or platform 0) of a TrueType font.
func cmapRunes(ttf []byte) map[rune]bool {
	out := map[rune]bool{}
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(ttf[off:])) }
	u32 := func(off int) int { return int(binary.BigEndian.Uint32(ttf[off:])) }
	cmap := -1
	for i, n := 0, u16(4); i < n; i++ {
		rec := 12 + 16*i
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return out
	}
	for i, n := 0, u16(cmap+2); i < n; i++ {
		rec := cmap + 4 + 8*i
		platform, encoding, sub := u16(rec), u16(rec+2), cmap+u32(rec+4)
		if (platform == 3 && encoding == 1 || platform == 0) && u16(sub) == 4 {
			readFormat4(ttf[sub:], out)
			break
		}
	}
	return out
}

func readFormat4(t []byte, out map[rune]bool) {
	u16 := func(off int) int { return int(binary.BigEndian.Uint16(t[off:])) }
	segs := u16(6) / 2
	ends, starts, deltas, offsets := 14, 16+2*segs, 16+4*segs, 16+6*segs
	for s := range segs {
		end, start := u16(ends+2*s), u16(starts+2*s)
		delta, rangeOff := u16(deltas+2*s), u16(offsets+2*s)
		for c := start; c <= end && c != 0xFFFF; c++ {
			glyph := (c + delta) & 0xFFFF
			if rangeOff != 0 {
				at := offsets + 2*s + rangeOff + 2*(c-start)
				if at+1 >= len(t) {
					continue
				}
				if glyph = u16(at); glyph != 0 {
					glyph = (glyph + delta) & 0xFFFF
				}
			}
			if glyph != 0 {
				out[rune(c)] = true
			}
		}
	}
}
