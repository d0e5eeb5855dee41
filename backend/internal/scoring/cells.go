package scoring

import "strings"

// safeCell neutralises a text cell that a spreadsheet would read as a
// formula (OWASP, "CSV injection"): a cell that begins with =, +, -, @, a
// tab or a carriage return gets a leading apostrophe, so a team renamed to
// =HYPERLINK(…) opens as text. Apply it to every cell that carries text
// someone typed (titles, names, comments), not to the numbers the report
// computes.
func safeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
