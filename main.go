// Command journeymap is the Journeymap desktop app and its command line: import, export and
// report work on the same store without a display. This file parses the command line and
// dispatches; the commands are in commands.go and the window's start in app.go, and what they
// decide is decided in the packages they call.
package main

import (
	_ "embed"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	_ "early.journeymap/locale" // before Fyne's own init: see its doc

	"journeymap/journey"
)

// appID must match FyneApp.toml.
const appID = "io.journeymap.app"

// fyneApp is FyneApp.toml, the one place the version is written: the packaging tool reads it
// for the installers, and `journeymap version` from here.
//
//go:embed FyneApp.toml
var fyneApp string

// version returns the version and build number FyneApp.toml gives.
func version() string {
	fields := fyneAppFields()
	return fmt.Sprintf("%s (build %s)", fields["Version"], fields["Build"])
}

// fyneAppFields reads the key = value lines of FyneApp.toml, whatever their section.
func fyneAppFields() map[string]string {
	fields := map[string]string{}
	for _, line := range strings.Split(fyneApp, "\n") {
		if k, v, ok := strings.Cut(line, "="); ok {
			fields[strings.TrimSpace(k)] = strings.Trim(strings.TrimSpace(v), `"`)
		}
	}
	return fields
}

// command is one line of the usage table, from which the usage, each command's -h and the
// README's command list come.
type command struct {
	name     string
	synopsis []string // each form of the command line, after "journeymap "; a "\n" continues one
	summary  string   // beside the synopsis in the usage; "" when it says enough
	about    string   // what -h says, before the flags
	run      func(store string, args []string, stdout, stderr io.Writer) error
}

// commands is the usage table; the app itself ("journeymap [-store DIR]") heads the usage.
var commands []command

func init() {
	commands = []command{importCommand, exportCommand, reportCommand, suggestCommand, rebalanceCommand,
		backupsCommand, restoreCommand, shareCommand, joinCommand, syncCommand, unshareCommand, {
			name: "version", synopsis: []string{"version"}, summary: "the version, from FyneApp.toml",
			run: func(_ string, args []string, stdout, _ io.Writer) error {
				if err := parseNone(newFlags("version"), args); err != nil {
					return err
				}
				_, err := fmt.Fprintf(stdout, "journeymap %s\n", version())
				return err
			},
		}}
}

// usage lists every command line, as -h prints it and the README shows it.
func usage() string {
	const column = 46 // where a summary starts
	var b strings.Builder
	b.WriteString("usage:\n")
	line := func(synopsis, summary string) {
		s := form("  journeymap ", synopsis)
		if summary != "" {
			if last := s[strings.LastIndex(s, "\n")+1:]; len(last) >= column {
				s += "\n" + strings.Repeat(" ", column)
			} else {
				s += strings.Repeat(" ", column-len(s))
			}
			s += summary
		}
		b.WriteString(s + "\n")
	}
	line("[-store DIR]", "open the app")
	for _, c := range commands {
		for i, s := range c.synopsis {
			summary := ""
			if i == len(c.synopsis)-1 {
				summary = c.summary
			}
			line(s, summary)
		}
	}
	return b.String()
}

// usageOf is the usage of the command args call, for a mistake in calling it: its own lines
// and where -h says more, rather than every command's; every command's when it names none.
func usageOf(args []string) string {
	for _, a := range args {
		for _, c := range commands {
			if c.name != a {
				continue
			}
			var b strings.Builder
			for i, s := range c.synopsis {
				prefix := "   or: journeymap "
				if i == 0 {
					prefix = "usage: journeymap "
				}
				b.WriteString(form(prefix, s) + "\n")
			}
			fmt.Fprintf(&b, "journeymap %s -h says more\n", c.name)
			return b.String()
		}
	}
	return usage()
}

// form is a synopsis after its prefix, its continued lines indented under the prefix's end.
func form(prefix, synopsis string) string {
	return prefix + strings.ReplaceAll(synopsis, "\n", "\n"+strings.Repeat(" ", len(prefix)))
}

// errUsage marks a mistake in how the command was called (exit status 2).
var errUsage = errors.New("bad usage")

func main() {
	useParentConsole()
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run carries out one command line and returns its exit status: 0 on success, 1 on a user
// error (one line on stderr naming it), 2 on bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	err := dispatch(args, stdout, stderr)
	var help helpAsked
	switch {
	case errors.As(err, &help):
		fmt.Fprint(stdout, help.text)
		return 0
	case err == nil:
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(stderr, "journeymap: %s\n%s", oneLine(err), usageOf(args))
		return 2
	default:
		fmt.Fprintf(stderr, "journeymap: %s\n", oneLine(err))
		return 1
	}
}

// oneLine is an error as one line of a message, with user data in it made printable.
func oneLine(err error) string {
	return journey.Printable(strings.Join(strings.Fields(strings.TrimSuffix(err.Error(), ": "+errUsage.Error())), " "))
}

func dispatch(args []string, stdout, stderr io.Writer) error {
	top := newFlags("journeymap")
	store := top.String("store", "", "store directory")
	rest, err := parse(top, args)
	if err != nil {
		return err
	}
	if len(rest) == 0 {
		return openApp(*store)
	}
	name, rest := rest[0], rest[1:]
	if name == "help" {
		if len(rest) > 0 {
			return dispatch([]string{rest[0], "-h"}, stdout, stderr)
		}
		fmt.Fprint(stdout, usage())
		return nil
	}
	for _, c := range commands {
		if c.name == name {
			return c.run(*store, rest, stdout, stderr)
		}
	}
	return fmt.Errorf("unknown command %q: %w", name, errUsage)
}

func newFlags(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	return fs
}

// storeFlag lets -store come after the command too; it then wins over one given before.
func storeFlag(fs *flag.FlagSet, global string) *string {
	return fs.String("store", global, "store directory")
}

// helpText is the help of the command whose flags fs holds: its forms, what it does, and
// its flags.
func helpText(fs *flag.FlagSet) string {
	for _, c := range commands {
		if c.name != fs.Name() || c.about == "" {
			continue
		}
		var b strings.Builder
		for i, s := range c.synopsis {
			if i == 0 {
				b.WriteString(form("usage: journeymap ", s) + "\n")
			} else {
				b.WriteString(form("       journeymap ", s) + "\n")
			}
		}
		b.WriteString("\n" + c.about + "\n\nflags:\n")
		fs.SetOutput(&b)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
		return b.String()
	}
	return usage()
}

// parseNone parses the flags of a command that takes no positional arguments.
func parseNone(fs *flag.FlagSet, args []string) error {
	rest, err := parse(fs, args)
	if err == nil && len(rest) > 0 {
		err = fmt.Errorf("%s takes no arguments, got %q: %w", fs.Name(), rest, errUsage)
	}
	return err
}

// helpAsked carries the help to print when a command is given -h or --help.
type helpAsked struct{ text string }

func (h helpAsked) Error() string { return "help requested" }
func (h helpAsked) Unwrap() error { return flag.ErrHelp }

// parse accepts flags before and after positional arguments ("import FILE -replace"),
// as people type them; a command's name ends the top-level flags.
func parse(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, helpAsked{helpText(fs)}
			}
			return nil, fmt.Errorf("%s: %w", err, errUsage)
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		if fs.Name() == "journeymap" {
			return append(positional, args[1:]...), nil
		}
		args = args[1:]
	}
}
