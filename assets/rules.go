package assets

import "embed"

// Checklists holds the built-in checklists (STRIDE, LINDDUN): one JSON file
// each, in the format users write their own checklists in.
//
//go:embed checklists/*.json
var Checklists embed.FS

// Rules holds the built-in rule catalog, one JSON file per area, in the
// format users write their own rule files in.
//
//go:embed rules/*.json
var Rules embed.FS
