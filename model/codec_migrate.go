package model

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// migration upgrades a decoded document of version v to version v+1 in
// place. It works on the generic JSON tree because the persisted structs
// describe only the current version.
type migration func(doc map[string]any) error

// migrations holds one entry per old version: migrations[v] turns a
// version-v file into a version-(v+1) file.
var migrations = map[int]migration{
	1: addsFields,
}

// additive marks the steps that only add optional fields (version 2 added
// sessions' actual duration, coverage, and actions' notes and review): a
// file of the older version is then a valid file of the newer one as it
// is. The decoder reads such a file without rewriting it, so that the
// line and column of each problem stay those of the user's text.
var additive = map[int]bool{1: true}

// addsFields is the migration of an additive step: nothing to change.
func addsFields(map[string]any) error { return nil }

// additiveFrom reports whether every step from version from to to only adds fields.
func additiveFrom(from, to int) bool {
	for v := from; v < to; v++ {
		if !additive[v] {
			return false
		}
	}
	return true
}

// migrate upgrades data from version from to version to, one step at a time.
func migrate(data []byte, from, to int, table map[int]migration) ([]byte, error) {
	for v := from; v < to; v++ {
		if table[v] == nil {
			return nil, fmt.Errorf("file format version %d is not supported (this Threatboard reads versions %d to %d)",
				from, oldestReadable(to, table), to)
		}
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep numbers exactly as written
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		return nil, fmt.Errorf("migrate from version %d: %w", from, err)
	}
	for v := from; v < to; v++ {
		if err := table[v](doc); err != nil {
			return nil, fmt.Errorf("migrate from version %d to %d: %w", v, v+1, err)
		}
		doc["version"] = v + 1
	}
	out, err := json.Marshal(doc)
	if err != nil {
		return nil, fmt.Errorf("migrate from version %d: %w", from, err)
	}
	return out, nil
}

// oldestReadable is the lowest version with an unbroken chain of
// migrations up to version to.
func oldestReadable(to int, table map[int]migration) int {
	v := to
	for table[v-1] != nil {
		v--
	}
	return v
}
