package app

import (
	"slices"

	"fyne.io/fyne/v2"
)

const (
	recentKey = "recentFiles"
	maxRecent = 8
)

// recentFiles lists the most recently opened or saved files, newest first.
func recentFiles(p fyne.Preferences) []string {
	return p.StringListWithFallback(recentKey, nil)
}

// addRecent puts path at the front of the recent files, once, keeping at
// most maxRecent.
func addRecent(p fyne.Preferences, path string) {
	list := slices.DeleteFunc(slices.Clone(recentFiles(p)), func(s string) bool { return s == path })
	list = append([]string{path}, list...)
	if len(list) > maxRecent {
		list = list[:maxRecent]
	}
	p.SetStringList(recentKey, list)
}

// removeRecent forgets path, e.g. after it failed to open.
func removeRecent(p fyne.Preferences, path string) {
	list := slices.DeleteFunc(slices.Clone(recentFiles(p)), func(s string) bool { return s == path })
	p.SetStringList(recentKey, list)
}
