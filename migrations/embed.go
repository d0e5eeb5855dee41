// Package migrations embeds the versioned SQL that builds cbmex's schema, one
// folder per dialect. Migrations are plain SQL and never import the live
// models, so an old migration keeps meaning what it meant when it was written.
package migrations

import "embed"

// FS holds sqlite/*.sql and postgres/*.sql.
//
//go:embed sqlite/*.sql postgres/*.sql
var FS embed.FS
