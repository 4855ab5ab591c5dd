package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// TestMain lets the test binary stand in for the huajie command: scripts in
// testdata/script run "huajie …" through run, in a process of their own.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"huajie": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScript runs the CLI scripts: each builds a small site from its txtar
// files and checks the exact path:line:col diagnostics huajie prints.
//
// Besides testscript's built-in commands the scripts may use
//
//	exitcode N command [args...]
//
// which runs command like exec does (its output is then matched with stdout,
// stderr and cmp) and fails unless it exits with status N. $YEAR is the
// current year, which "huajie new" writes into the ids it creates.
var updateScripts = flag.Bool("update", false, "rewrite the cmp files of testdata/script from the actual output")

func TestScript(t *testing.T) {
	testscript.Run(t, testscript.Params{
		Dir:           "testdata/script",
		UpdateScripts: *updateScripts,
		Setup: func(env *testscript.Env) error {
			env.Setenv("YEAR", strconv.Itoa(time.Now().Year()))
			return nil
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"exitcode": cmdExitCode,
		},
	})
}

// cmdExitCode implements "exitcode N command [args...]".
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (give the expected status instead)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N command [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: bad status %q", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
