package app

import (
	_ "embed"

	"fyne.io/fyne/v2"
)

// iconPNG is the application icon; FyneApp.toml points packaging at the
// same file.
//
//go:embed icon.png
var iconPNG []byte

// icon is the window and application icon.
var icon = fyne.NewStaticResource("icon.png", iconPNG)
