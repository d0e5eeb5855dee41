//go:build !ui

// Package frontend embeds the built single-page app when the binary is built
// with `-tags ui`. This build has no UI, so Dist returns nil and the server
// answers / with instructions for building it.
package frontend

import "io/fs"

// Dist returns nil: this binary was built without the UI.
func Dist() fs.FS { return nil }
