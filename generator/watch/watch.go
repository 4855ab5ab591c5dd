// Package watch reports changes to the files of a site with fsnotify: whole
// folder trees (folders created or moved in later are watched too) and
// single files, watched through their folder so that an editor's atomic
// save (write a temporary file, rename it over the original) is seen.
// Events are collected into batches: a batch is sent once no event has come
// for a quiet period, or when events have kept coming for a maximum delay,
// so that a save that touches several files, a checkout or a copy of
// hundreds of files becomes one rebuild.
//
// This is the only package that imports fsnotify.
package watch

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Options configure a Watcher. The zero value debounces with a quiet period
// of 20 ms and a maximum delay of 400 ms, and ignores Ignored names.
type Options struct {
	// Quiet is how long no event must come before a batch is sent.
	Quiet time.Duration
	// MaxDelay bounds how long the first event of a batch waits while
	// events keep coming.
	MaxDelay time.Duration
	// Ignore reports paths whose events are dropped; nil means Ignored.
	Ignore func(path string) bool
}

// Batch is a set of paths that changed: created, written, removed or
// renamed. A path may be a folder (created, moved in, removed or moved
// out as a whole); the receiver rescans it. Paths are absolute, cleaned
// and sorted.
type Batch struct {
	Paths []string
}

// Ignored reports the names editors and tools use for temporary files: dot
// files (.case.md.swp, .#case.md), backups (case.md~), Emacs autosaves
// (#case.md#) and *.swp, *.swx, *.tmp.
func Ignored(path string) bool {
	name := filepath.Base(path)
	switch {
	case strings.HasPrefix(name, "."), strings.HasPrefix(name, "#"), strings.HasSuffix(name, "~"):
		return true
	}
	switch filepath.Ext(name) {
	case ".swp", ".swx", ".tmp":
		return true
	}
	return false
}

// Watcher watches folder trees and files. Its methods are safe for
// concurrent use.
type Watcher struct {
	fs      *fsnotify.Watcher
	opts    Options
	batches chan Batch
	errs    chan error
	done    chan struct{}
	stopped chan struct{}

	mu      sync.Mutex
	trees   map[string]bool // roots watched recursively
	files   map[string]bool // single files
	dirs    map[string]bool // folders with an fsnotify watch
	pending map[string]bool // trees and files that do not exist yet
}

// New starts a watcher. Close stops it.
func New(opts Options) (*Watcher, error) {
	if opts.Quiet <= 0 {
		opts.Quiet = 20 * time.Millisecond
	}
	if opts.MaxDelay <= 0 {
		opts.MaxDelay = 400 * time.Millisecond
	}
	if opts.MaxDelay < opts.Quiet {
		opts.MaxDelay = opts.Quiet
	}
	if opts.Ignore == nil {
		opts.Ignore = Ignored
	}
	// A large buffer: copying a folder of thousands of files must not
	// overflow the kernel queue before the events are read.
	fw, err := fsnotify.NewBufferedWatcher(4096)
	if err != nil {
		return nil, err
	}
	w := &Watcher{fs: fw, opts: opts, batches: make(chan Batch, 1), errs: make(chan error, 8),
		done: make(chan struct{}), stopped: make(chan struct{}),
		trees: map[string]bool{}, files: map[string]bool{}, dirs: map[string]bool{}, pending: map[string]bool{}}
	go w.loop()
	return w, nil
}

// Batches delivers the batches of changes. It is closed by Close.
func (w *Watcher) Batches() <-chan Batch { return w.batches }

// Errors delivers problems of the watcher itself (a folder that could not
// be watched, a kernel queue that overflowed); after an overflow the
// receiver should rescan everything. Errors are dropped when nobody reads
// them.
func (w *Watcher) Errors() <-chan error { return w.errs }

// Close stops watching and closes Batches.
func (w *Watcher) Close() error {
	select {
	case <-w.done:
		return nil
	default:
	}
	close(w.done)
	err := w.fs.Close()
	<-w.stopped
	return err
}

// AddTree watches dir and every folder below it, now and when created
// later. A dir that does not exist yet is watched for through its nearest
// existing parent and reported when it appears.
func (w *Watcher) AddTree(dir string) error {
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.trees[dir] = true
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return w.awaitLocked(dir)
	}
	_, err = w.addDirsLocked(dir)
	return err
}

// AddFile watches one file through its folder (not recursively).
func (w *Watcher) AddFile(path string) error {
	path, err := filepath.Abs(path)
	if err != nil {
		return err
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	w.files[path] = true
	dir := filepath.Dir(path)
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return w.awaitLocked(dir)
	}
	return w.watchLocked(dir)
}

// Remove stops watching a tree or file added before.
func (w *Watcher) Remove(path string) {
	path, err := filepath.Abs(path)
	if err != nil {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.files, path)
	delete(w.pending, path)
	if w.trees[path] {
		delete(w.trees, path)
		w.unwatchLocked(path)
	}
}

// Watched lists the folders that have a watch, sorted (for tests).
func (w *Watcher) Watched() []string {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make([]string, 0, len(w.dirs))
	for d := range w.dirs {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

// awaitLocked watches the nearest existing parent of a missing path.
func (w *Watcher) awaitLocked(path string) error {
	w.pending[path] = true
	for p := filepath.Dir(path); ; p = filepath.Dir(p) {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			return w.watchLocked(p)
		}
		if filepath.Dir(p) == p {
			return nil
		}
	}
}

func (w *Watcher) watchLocked(dir string) error {
	// Add again even when known: a folder removed and created again
	// between two events has lost its kernel watch. Adding an existing
	// watch only updates it.
	if err := w.fs.Add(dir); err != nil {
		return err
	}
	w.dirs[dir] = true
	return nil
}

// addDirsLocked watches dir and the folders below it and returns them.
func (w *Watcher) addDirsLocked(dir string) ([]string, error) {
	var added []string
	var first error
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if first == nil && !errors.Is(err, fs.ErrNotExist) {
				first = err
			}
			return nil
		}
		if !d.IsDir() {
			return nil
		}
		if p != dir && w.opts.Ignore(p) {
			return filepath.SkipDir
		}
		if err := w.watchLocked(p); err != nil && first == nil {
			first = err
		}
		added = append(added, p)
		return nil
	})
	return added, first
}

// unwatchLocked drops the watches of path and the folders below it that
// are gone (a folder moved away keeps its inotify watch under its new name,
// which would report events under the old one) or no longer needed.
func (w *Watcher) unwatchLocked(path string) {
	for d := range w.dirs {
		if !under(d, path) {
			continue
		}
		if _, err := os.Stat(d); err == nil && w.neededLocked(d) {
			continue
		}
		w.fs.Remove(d)
		delete(w.dirs, d)
	}
}

// neededLocked reports whether an existing folder must stay watched: it is
// in a tree, holds a watched file, or is the parent a pending path is
// awaited through.
func (w *Watcher) neededLocked(dir string) bool {
	for t := range w.trees {
		if under(dir, t) {
			return true
		}
	}
	for f := range w.files {
		if filepath.Dir(f) == dir {
			return true
		}
	}
	for p := range w.pending {
		if under(p, dir) {
			return true
		}
	}
	return false
}

// under reports whether p is root or inside it.
func under(p, root string) bool {
	return p == root || strings.HasPrefix(p, root+string(filepath.Separator))
}

func isDir(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.IsDir()
}

// handle updates the watches after an event and returns the paths it
// reports: the event's own path when it is in a tree or a watched file,
// and trees or files that appeared with a folder.
func (w *Watcher) handle(ev fsnotify.Event) (report []string) {
	p := filepath.Clean(ev.Name)
	w.mu.Lock()
	defer w.mu.Unlock()
	inTree := false
	for t := range w.trees {
		if under(p, t) {
			inTree = true
			break
		}
	}
	if inTree && w.opts.Ignore(p) {
		return nil
	}
	if ev.Has(fsnotify.Remove) || ev.Has(fsnotify.Rename) {
		// A tree, or the folder of a file, that went away is awaited
		// until it comes back.
		for t := range w.trees {
			if under(t, p) && !isDir(t) {
				w.awaitLocked(t)
			}
		}
		for f := range w.files {
			if d := filepath.Dir(f); under(d, p) && !isDir(d) {
				w.awaitLocked(d)
			}
		}
		w.unwatchLocked(p)
	}
	if ev.Has(fsnotify.Create) && isDir(p) {
		for q := range w.pending {
			if under(q, p) {
				delete(w.pending, q)
			}
		}
		for t := range w.trees {
			switch {
			case under(p, t):
				w.addDirsLocked(p) // a new folder inside a tree
			case under(t, p):
				// A folder on the way to a tree that did not exist.
				if isDir(t) {
					w.addDirsLocked(t)
					report = append(report, t)
				} else {
					w.awaitLocked(t)
				}
			}
		}
		for f := range w.files {
			if d := filepath.Dir(f); under(d, p) {
				if isDir(d) {
					w.watchLocked(d)
					report = append(report, f)
				} else {
					w.awaitLocked(d)
				}
			}
		}
	}
	if inTree || w.files[p] {
		report = append(report, p)
	}
	return report
}

func (w *Watcher) loop() {
	defer close(w.stopped)
	defer close(w.batches)
	var (
		set   = map[string]bool{}
		quiet *time.Timer
		limit *time.Timer
		fire  <-chan time.Time
		stop  <-chan time.Time
	)
	flush := func() {
		if len(set) == 0 {
			return
		}
		b := Batch{Paths: make([]string, 0, len(set))}
		for p := range set {
			b.Paths = append(b.Paths, p)
		}
		sort.Strings(b.Paths)
		set = map[string]bool{}
		fire, stop = nil, nil
		select {
		case w.batches <- b:
		case <-w.done:
		}
	}
	for {
		select {
		case <-w.done:
			return
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if ev.Op == fsnotify.Chmod {
				continue // touch, or a permission change: no new content
			}
			for _, p := range w.handle(ev) {
				set[p] = true
			}
			if len(set) == 0 {
				continue
			}
			if quiet == nil {
				quiet, limit = time.NewTimer(w.opts.Quiet), time.NewTimer(w.opts.MaxDelay)
			} else {
				quiet.Reset(w.opts.Quiet)
			}
			if stop == nil {
				limit.Reset(w.opts.MaxDelay)
				stop = limit.C
			}
			fire = quiet.C
		case <-fire:
			flush()
		case <-stop:
			flush()
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			select {
			case w.errs <- err:
			default:
			}
		}
	}
}
