// Command distcheck checks the release in a dist directory: every file the
// name says is for Windows is a PE executable for that processor (and the
// app a GUI program with an icon and a version resource), every macOS
// binary is Mach-O, every Linux binary is ELF, each for the processor its
// name gives.
//
// Usage: go run ./tools/distcheck DIR
package main

import (
	"debug/elf"
	"debug/macho"
	"debug/pe"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: distcheck DIR")
		os.Exit(2)
	}
	if err := run(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "distcheck:", err)
		os.Exit(1)
	}
}

func run(dir string) error {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	var errs []error
	checked := 0
	for _, e := range entries {
		name := e.Name()
		path := filepath.Join(dir, name)
		var msg string
		var err error
		switch {
		case strings.Contains(name, "-windows-"):
			msg, err = checkPE(path, arch(name), strings.HasPrefix(name, "Threatboard"))
		case strings.Contains(name, "-darwin-"):
			msg, err = checkMachO(path, arch(name))
		case strings.Contains(name, "-linux-") && !strings.HasSuffix(name, ".tar.xz"):
			msg, err = checkELF(path, arch(name))
		default:
			continue
		}
		checked++
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", name, err))
			continue
		}
		fmt.Printf("%-50s %s\n", name, msg)
	}
	if checked == 0 {
		errs = append(errs, fmt.Errorf("no binaries in %s", dir))
	}
	return errors.Join(errs...)
}

// arch is the processor a release file's name gives: …-amd64 or …-arm64.
func arch(name string) string {
	name = strings.TrimSuffix(strings.TrimSuffix(name, ".exe"), ".zip")
	if strings.HasSuffix(name, "-arm64") {
		return "arm64"
	}
	return "amd64"
}

func checkPE(path, want string, gui bool) (string, error) {
	f, err := pe.Open(path)
	if err != nil {
		return "", fmt.Errorf("not a PE executable: %w", err)
	}
	defer f.Close()
	machines := map[string]uint16{"amd64": pe.IMAGE_FILE_MACHINE_AMD64, "arm64": pe.IMAGE_FILE_MACHINE_ARM64}
	if f.Machine != machines[want] {
		return "", fmt.Errorf("PE for machine %#x, want %s", f.Machine, want)
	}
	if f.Characteristics&pe.IMAGE_FILE_EXECUTABLE_IMAGE == 0 {
		return "", errors.New("PE file is not an executable image")
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		return "", errors.New("PE file is not 64-bit")
	}
	subsystem := map[uint16]string{pe.IMAGE_SUBSYSTEM_WINDOWS_GUI: "GUI", pe.IMAGE_SUBSYSTEM_WINDOWS_CUI: "console"}[oh.Subsystem]
	msg := fmt.Sprintf("PE %s %s", want, subsystem)
	if !gui {
		return msg, nil
	}
	if subsystem != "GUI" {
		return "", fmt.Errorf("the app is a %s program; want GUI (no console window)", subsystem)
	}
	rsrc := f.Section(".rsrc")
	if rsrc == nil {
		return "", errors.New("the app has no resources (icon, version)")
	}
	data, err := rsrc.Data()
	if err != nil {
		return "", fmt.Errorf("resources: %w", err)
	}
	types := resourceTypes(data)
	for _, t := range []struct {
		id   uint32
		name string
	}{{3, "icon"}, {14, "icon group"}, {16, "version"}} {
		if !slices.Contains(types, t.id) {
			return "", fmt.Errorf("the app has no %s resource (types %v)", t.name, types)
		}
	}
	return msg + ", icon and version resources", nil
}

// resourceTypes lists the IDs of the resource types in a .rsrc section:
// the entries of its root directory (3 icon, 14 icon group, 16 version).
func resourceTypes(data []byte) []uint32 {
	if len(data) < 16 {
		return nil
	}
	le16 := func(b []byte) int { return int(b[0]) | int(b[1])<<8 }
	le32 := func(b []byte) uint32 { return uint32(b[0]) | uint32(b[1])<<8 | uint32(b[2])<<16 | uint32(b[3])<<24 }
	named, ids := le16(data[12:]), le16(data[14:])
	var out []uint32
	for i := named; i < named+ids; i++ {
		off := 16 + 8*i
		if off+8 > len(data) {
			break
		}
		out = append(out, le32(data[off:]))
	}
	return out
}

func checkMachO(path, want string) (string, error) {
	f, err := macho.Open(path)
	if err != nil {
		return "", fmt.Errorf("not a Mach-O executable: %w", err)
	}
	defer f.Close()
	cpus := map[string]macho.Cpu{"amd64": macho.CpuAmd64, "arm64": macho.CpuArm64}
	if f.Cpu != cpus[want] || f.Type != macho.TypeExec {
		return "", fmt.Errorf("Mach-O %v type %v, want an %s executable", f.Cpu, f.Type, want)
	}
	return "Mach-O " + want, nil
}

func checkELF(path, want string) (string, error) {
	f, err := elf.Open(path)
	if err != nil {
		return "", fmt.Errorf("not an ELF executable: %w", err)
	}
	defer f.Close()
	machines := map[string]elf.Machine{"amd64": elf.EM_X86_64, "arm64": elf.EM_AARCH64}
	if f.Machine != machines[want] || f.Type != elf.ET_EXEC && f.Type != elf.ET_DYN {
		return "", fmt.Errorf("ELF %v type %v, want an %s executable", f.Machine, f.Type, want)
	}
	return "ELF " + want, nil
}
