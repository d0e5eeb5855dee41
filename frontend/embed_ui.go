//go:build ui

// Package frontend embeds the built single-page app (frontend/dist). Build
// the binary with `-tags ui` after `npm run build`; without the tag the
// binary still builds and tells how to build the UI.
package frontend

import (
	"embed"
	"io/fs"
)

//go:embed all:dist
var dist embed.FS

// Dist returns the built UI, rooted at dist/.
func Dist() fs.FS {
	sub, err := fs.Sub(dist, "dist")
	if err != nil {
		panic(err) // cannot happen: dist is embedded above
	}
	return sub
}
