package assets

// Version is Threatboard's release version; the app and the CLI print it and
// FyneApp.toml carries the same number for packaging.
const Version = "0.1.0"
