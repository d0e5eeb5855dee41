// Package scenarios holds the scenario files bundled with cbmex. The YAML
// files are embedded so that a fresh installation can import them without
// any files on disk.
package scenarios

import "embed"

// FS holds every bundled *.yaml scenario at its root.
//
//go:embed *.yaml
var FS embed.FS
