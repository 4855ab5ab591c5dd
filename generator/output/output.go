// Package output writes a site into a fresh temporary folder beside the
// output folder and swaps it in only when the whole build succeeded, so a
// failed build leaves the previous site byte for byte as it was.
package output

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
)

// Staging is a temporary output folder being filled by a build.
//
// Writes are queued to a few background writers, so that rendering (CPU)
// goes on while the file system creates folders and files (which it does
// one at a time anyway); Commit and Abort wait for the queue.
type Staging struct {
	target string
	dir    string
	mu     sync.Mutex
	dirs   map[string]bool
	queue  chan write
	wg     sync.WaitGroup
	err    error // the first write error
}

type write struct {
	path string
	data []byte
}

// writers is how many goroutines create files; more do not help, as the
// file system serialises creation in a folder tree.
const writers = 2

// Begin creates a staging folder next to target (same file system, so the
// final rename is atomic).
func Begin(target string) (*Staging, error) {
	target = filepath.Clean(target)
	parent := filepath.Dir(target)
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(parent, "."+filepath.Base(target)+".tmp-")
	if err != nil {
		return nil, err
	}
	if err := os.Chmod(dir, 0o755); err != nil {
		os.RemoveAll(dir)
		return nil, err
	}
	s := &Staging{target: target, dir: dir, dirs: map[string]bool{}, queue: make(chan write, 512)}
	for range writers {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			for w := range s.queue {
				if err := s.writeNow(w.path, w.data); err != nil {
					s.mu.Lock()
					if s.err == nil {
						s.err = err
					}
					s.mu.Unlock()
				}
			}
		}()
	}
	return s, nil
}

// Dir is the staging folder.
func (s *Staging) Dir() string { return s.dir }

// WriteFile queues rel (slash-separated) to be written into the staging
// folder; data must not be changed afterwards. Errors of the write itself
// are returned by Flush, Commit or Abort.
func (s *Staging) WriteFile(rel string, data []byte) error {
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, "\\") || slices.Contains(strings.Split(rel, "/"), "..") {
		return fmt.Errorf("output path %q escapes the output folder", rel)
	}
	s.queue <- write{filepath.Join(s.dir, filepath.FromSlash(rel)), data}
	return nil
}

// Flush waits for every queued write and returns the first error. The
// staging folder accepts no writes afterwards.
func (s *Staging) Flush() error {
	s.mu.Lock()
	q := s.queue
	s.queue = nil
	s.mu.Unlock()
	if q != nil {
		close(q)
	}
	s.wg.Wait()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

func (s *Staging) writeNow(p string, data []byte) error {
	d := filepath.Dir(p)
	s.mu.Lock()
	known := s.dirs[d]
	s.mu.Unlock()
	if !known {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
		s.mu.Lock()
		s.dirs[d] = true
		s.mu.Unlock()
	}
	return os.WriteFile(p, data, 0o644)
}

// Abort removes the staging folder; the target is untouched.
func (s *Staging) Abort() error {
	s.Flush()
	return os.RemoveAll(s.dir)
}

// Commit swaps the staging folder in place of the target. The old output is
// moved aside first and removed only after the new one is in place.
func (s *Staging) Commit() error {
	if err := s.Flush(); err != nil {
		s.Abort()
		return fmt.Errorf("writing the output: %w", err)
	}
	old := ""
	if _, err := os.Lstat(s.target); err == nil {
		old = s.dir + ".old"
		if err := os.Rename(s.target, old); err != nil {
			s.Abort()
			return fmt.Errorf("moving the previous output aside: %w", err)
		}
	}
	if err := os.Rename(s.dir, s.target); err != nil {
		if old != "" {
			os.Rename(old, s.target) // put the previous site back
		}
		s.Abort()
		return fmt.Errorf("swapping in the new output: %w", err)
	}
	if old != "" {
		return os.RemoveAll(old)
	}
	return nil
}

// Memory is an output kept in memory: huajie serve's snapshots and the
// passes of an incremental render. It keeps the slices it is given (a
// writer hands over a page it no longer changes, at its own length).
type Memory struct {
	mu    sync.Mutex
	Files map[string][]byte // by slash path
}

// WriteFile keeps data as the file rel.
func (m *Memory) WriteFile(rel string, data []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.Files == nil {
		m.Files = map[string][]byte{}
	}
	m.Files[rel] = slices.Clip(data)
	return nil
}
