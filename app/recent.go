package app

import (
	"slices"
)

const maxRecent = 8

// recentFiles lists the most recently opened or saved files, newest first.
func recentFiles(s *settings) []string {
	return s.v.RecentFiles
}

// addRecent puts path at the front of the recent files, once, keeping at
// most maxRecent.
func addRecent(s *settings, path string) {
	s.update(func(v *settingValues) {
		list := slices.DeleteFunc(slices.Clone(v.RecentFiles), func(p string) bool { return p == path })
		v.RecentFiles = append([]string{path}, list[:min(len(list), maxRecent-1)]...)
	})
}

// removeRecent forgets path, e.g. after it failed to open.
func removeRecent(s *settings, path string) {
	s.update(func(v *settingValues) {
		v.RecentFiles = slices.DeleteFunc(slices.Clone(v.RecentFiles), func(p string) bool { return p == path })
	})
}
