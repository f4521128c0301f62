// Command threatboard-cli checks and analyses Threatboard files without the
// desktop app, for scripts and CI. It builds without cgo.
package main

import (
	"fmt"
	"io"
	"os"
	"text/tabwriter"
)

// command is one subcommand: threatboard-cli NAME ARGS...
// run returns the process exit code: 0 success, 1 the files have problems,
// 2 the command line is wrong.
type command struct {
	name string
	args string // the arguments it takes, for the usage text
	help string // one line for the usage text
	run  func(args []string, stdout, stderr io.Writer) int
}

// commands lists the subcommands in the order the usage text shows them.
func commands() []command {
	return []command{
		{"validate", "FILE...", "check files and list every problem with its location", validate},
		{"analyze", "[-json] [-apply] FILE", "suggest threats from the rule catalog; -apply adds them to FILE", analyze},
		{"lint", "[-json] [-strict] FILE", "list diagram and bookkeeping mistakes; -strict fails on a warning", lint},
		{"check", "[-fail-on LEVEL] FILE", "fail while an unresolved threat at or above LEVEL (default high) remains", check},
		{"report", "FILE -o PATH [options]", "write the PDF report stakeholders read", reportCmd},
		{"import", "FILE -o MODEL [-report]", "read a Threat Dragon, OTM, draw.io, .tm7 or Threagile file into a Threatboard file", importCmd},
		{"export", "FILE --format FORMAT -o PATH", "write FILE as " + exportFormatNames(), export},
		{"generate", "[-elements N] ...", "write a synthetic model of that size, for performance work", generate},
		{"version", "", "print the version", version},
	}
}

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run executes the command line args (without the program name). Every
// byte it prints passes an escaper: names in a model are a stranger's text.
func run(args []string, stdout, stderr io.Writer) int {
	out, errOut := &escaper{w: stdout}, &escaper{w: stderr}
	defer out.flush()
	defer errOut.flush()
	return runCommand(args, out, errOut)
}

func runCommand(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return 2
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "threatboard-cli: unknown command %q\n", args[0])
	usage(stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprint(w, "usage: threatboard-cli COMMAND [ARGS...]\n\ncommands:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands() {
		fmt.Fprintf(tw, "  %s %s\t%s\n", c.name, c.args, c.help)
	}
	fmt.Fprintf(tw, "  help\tprint this text\n")
	tw.Flush()
}
