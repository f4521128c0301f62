// Command notices writes THIRD_PARTY_NOTICES: every Go module compiled into
// the app and the CLI, on every platform we build for, and every font they
// embed, each with its licence. With -check it only compares the file with
// what it would write and fails when they differ (make test runs that).
//
// Usage: go run ./tools/notices [-check] [-o THIRD_PARTY_NOTICES]
package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// shipped are the commands we release and how each is built.
var shipped = []struct {
	pkg string
	cgo string
}{
	{"./cmd/threatboard", "1"},
	{"./cmd/threatboard-cli", "0"},
}

var platforms = []string{"linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64", "darwin/amd64", "darwin/arm64"}

// A module or a font directory, with the licence files found for it.
type component struct {
	name     string   // module path and version, or the font directory
	fonts    []string // font files, for a font directory
	licences []licence
}

type licence struct {
	file, kind, text string
}

type pkg struct {
	Dir        string
	Standard   bool
	EmbedFiles []string
	Module     *struct {
		Path, Version, Dir string
		Main               bool
	}
}

func main() {
	check := flag.Bool("check", false, "fail if the file differs from what would be written")
	out := flag.String("o", "THIRD_PARTY_NOTICES", "the file to write or check")
	flag.Parse()
	if err := run(*check, *out); err != nil {
		fmt.Fprintln(os.Stderr, "notices:", err)
		os.Exit(1)
	}
}

func run(check bool, out string) error {
	pkgs, err := listAll()
	if err != nil {
		return err
	}
	modules, fonts, err := components(pkgs)
	if err != nil {
		return err
	}
	text := render(modules, fonts)
	if !check {
		return os.WriteFile(out, text, 0o644)
	}
	have, err := os.ReadFile(out)
	if err != nil {
		return fmt.Errorf("check: %w", err)
	}
	if !bytes.Equal(have, text) {
		return fmt.Errorf("%s is out of date: run go run ./tools/notices", out)
	}
	return nil
}

// listAll lists the non-standard packages of every shipped command on
// every platform.
func listAll() (map[string]pkg, error) {
	all := map[string]pkg{}
	for _, s := range shipped {
		for _, p := range platforms {
			goos, goarch, _ := strings.Cut(p, "/")
			cmd := exec.Command("go", "list", "-deps", "-json=Dir,Standard,EmbedFiles,Module", s.pkg)
			cmd.Env = append(os.Environ(), "GOOS="+goos, "GOARCH="+goarch, "CGO_ENABLED="+s.cgo)
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			raw, err := cmd.Output()
			if err != nil {
				return nil, fmt.Errorf("go list %s for %s: %w: %s", s.pkg, p, err, stderr.String())
			}
			dec := json.NewDecoder(bytes.NewReader(raw))
			for {
				var pk pkg
				if err := dec.Decode(&pk); errors.Is(err, io.EOF) {
					break
				} else if err != nil {
					return nil, fmt.Errorf("go list %s for %s: %w", s.pkg, p, err)
				}
				if !pk.Standard && pk.Module != nil {
					all[pk.Dir] = pk
				}
			}
		}
	}
	return all, nil
}

func components(pkgs map[string]pkg) (modules, fonts []component, err error) {
	seen := map[string]bool{}
	fontDirs := map[string]*component{}
	for _, pk := range pkgs {
		m := pk.Module
		name := m.Path + " " + m.Version
		if m.Main {
			name = "Threatboard"
		}
		if !m.Main && !seen[name] {
			seen[name] = true
			ls, err := licences(m.Dir, false)
			if err != nil {
				return nil, nil, err
			}
			if len(ls) == 0 {
				return nil, nil, fmt.Errorf("module %s: no licence file in its root", name)
			}
			modules = append(modules, component{name: name, licences: ls})
		}
		for _, f := range pk.EmbedFiles {
			if ext := strings.ToLower(path.Ext(f)); ext != ".ttf" && ext != ".otf" {
				continue
			}
			dir := path.Dir(f)
			rel, _ := filepath.Rel(m.Dir, filepath.Join(pk.Dir, dir))
			key := name + " " + filepath.ToSlash(rel)
			c := fontDirs[key]
			if c == nil {
				ls, err := licences(filepath.Join(pk.Dir, dir), true)
				if err != nil {
					return nil, nil, err
				}
				if len(ls) == 0 {
					return nil, nil, fmt.Errorf("fonts in %s: no licence file beside them", key)
				}
				c = &component{name: key, licences: ls}
				fontDirs[key] = c
			}
			c.fonts = append(c.fonts, path.Base(f))
		}
	}
	for _, c := range fontDirs {
		slices.Sort(c.fonts)
		fonts = append(fonts, *c)
	}
	byName := func(a, b component) int { return strings.Compare(a.name, b.name) }
	slices.SortFunc(modules, byName)
	slices.SortFunc(fonts, byName)
	return modules, fonts, nil
}

// licences reads the licence files of a directory: those whose names hold
// LICENSE, LICENCE or COPYING (LICENSE.md, DejaVu-LICENSE.txt) and, for
// fonts, start with OFL.
func licences(dir string, font bool) ([]licence, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("licences in %s: %w", dir, err)
	}
	var out []licence
	for _, e := range entries {
		n := strings.ToUpper(e.Name())
		is := strings.Contains(n, "LICENSE") || strings.Contains(n, "LICENCE") || strings.Contains(n, "COPYING") ||
			font && strings.HasPrefix(n, "OFL")
		if !is || e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			return nil, fmt.Errorf("licence: %w", err)
		}
		text := strings.TrimSpace(strings.ReplaceAll(string(b), "\r\n", "\n"))
		out = append(out, licence{file: e.Name(), kind: kind(text), text: text})
	}
	return out, nil
}

// kind names a licence by the words it is known by; "see text" when none fits.
func kind(text string) string {
	t := strings.Join(strings.Fields(text), " ")
	switch {
	case strings.Contains(t, "Apache License") && strings.Contains(t, "Version 2.0"):
		return "Apache-2.0"
	case strings.Contains(t, "Mozilla Public License Version 2.0"), strings.Contains(t, "Mozilla Public License, version 2.0"):
		return "MPL-2.0"
	case strings.Contains(t, "SIL OPEN FONT LICENSE"), strings.Contains(t, "SIL Open Font License"):
		return "OFL-1.1"
	case strings.Contains(t, "Bitstream Vera"): // before MIT, whose words it shares
		return "Bitstream-Vera"
	case strings.Contains(t, "Permission is hereby granted, free of charge"):
		return "MIT"
	case strings.Contains(t, "Permission to use, copy, modify, and/or distribute this software for any purpose"),
		strings.Contains(t, "Permission to use, copy, modify, and distribute this software for any purpose"):
		return "ISC"
	case strings.Contains(t, "Redistribution and use in source and binary forms"):
		if strings.Contains(t, "Neither the name") || strings.Contains(t, "names of its contributors") {
			return "BSD-3-Clause"
		}
		return "BSD-2-Clause"
	}
	return "see text"
}

func render(modules, fonts []component) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("THIRD-PARTY NOTICES\n\n")
	p("Threatboard is licensed under the Apache License 2.0 (see LICENSE). Its\n")
	p("app and command-line tool, as built for Linux, macOS and Windows, contain\n")
	p("the Go modules and fonts below, each under its own licence.\n\n")
	p("This file is generated by `go run ./tools/notices`; `make test` checks\n")
	p("that it is up to date.\n\n")
	p("Go modules\n==========\n\n")
	for _, c := range modules {
		p("%-70s %s\n", c.name, kinds(c))
	}
	p("\nFonts\n=====\n\n")
	for _, c := range fonts {
		p("%s (%s)\n    %s\n", c.name, kinds(c), strings.Join(c.fonts, ", "))
	}
	p("\nLicence texts\n=============\n")
	for _, c := range append(slices.Clone(modules), fonts...) {
		for _, l := range c.licences {
			p("\n----- %s: %s -----\n\n%s\n", c.name, l.file, l.text)
		}
	}
	return b.Bytes()
}

func kinds(c component) string {
	var ks []string
	for _, l := range c.licences {
		if !slices.Contains(ks, l.kind) {
			ks = append(ks, l.kind)
		}
	}
	return strings.Join(ks, ", ")
}
