package watch

import (
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"
)

func newWatcher(t *testing.T, opts Options) *Watcher {
	t.Helper()
	w, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { w.Close() })
	return w
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// collect gathers reported paths until every one of want was seen, and
// fails after a timeout. It returns every path and the number of batches.
func collect(t *testing.T, w *Watcher, want ...string) (map[string]bool, int) {
	t.Helper()
	seen := map[string]bool{}
	batches := 0
	deadline := time.After(5 * time.Second)
	for {
		missing := false
		for _, p := range want {
			if !seen[p] {
				missing = true
			}
		}
		if !missing {
			return seen, batches
		}
		select {
		case b, ok := <-w.Batches():
			if !ok {
				t.Fatal("batches closed")
			}
			batches++
			if !slices.IsSorted(b.Paths) {
				t.Errorf("batch not sorted: %v", b.Paths)
			}
			for _, p := range b.Paths {
				seen[p] = true
			}
		case <-deadline:
			t.Fatalf("timed out: saw %v, want %v", keys(seen), want)
		}
	}
}

// quiet asserts that no batch comes for a while.
func quiet(t *testing.T, w *Watcher) {
	t.Helper()
	select {
	case b := <-w.Batches():
		t.Errorf("unexpected batch %v", b.Paths)
	case <-time.After(300 * time.Millisecond):
	}
}

func keys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

func TestTreeWritesAndNewFolders(t *testing.T) {
	root := t.TempDir()
	cases := filepath.Join(root, "cases")
	write(t, filepath.Join(cases, "mediation", "a.md"), "a")
	w := newWatcher(t, Options{})
	if err := w.AddTree(cases); err != nil {
		t.Fatal(err)
	}
	a := filepath.Join(cases, "mediation", "a.md")
	write(t, a, "a2")
	collect(t, w, a)

	// A folder created later is reported, and watched: a file written in
	// it afterwards is reported by name.
	sub := filepath.Join(cases, "series", "2024")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	collect(t, w, filepath.Join(cases, "series"))
	time.Sleep(50 * time.Millisecond)
	b := filepath.Join(sub, "b.md")
	write(t, b, "b")
	collect(t, w, b)

	// Removing a file is a change too.
	if err := os.Remove(a); err != nil {
		t.Fatal(err)
	}
	collect(t, w, a)
}

func TestAtomicSaveByRename(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "rules")
	target := filepath.Join(dir, "work-rules.md")
	write(t, target, "v1")
	w := newWatcher(t, Options{})
	if err := w.AddTree(dir); err != nil {
		t.Fatal(err)
	}
	// As editors save: write a temporary file, rename it over the target.
	tmp := filepath.Join(dir, ".work-rules.md.swp")
	write(t, tmp, "v2")
	if err := os.Rename(tmp, target); err != nil {
		t.Fatal(err)
	}
	seen, _ := collect(t, w, target)
	if seen[tmp] {
		t.Errorf("the editor's temporary file was reported: %v", keys(seen))
	}
	// Vim's way: the original is renamed to a backup and a new file written.
	if err := os.Rename(target, target+"~"); err != nil {
		t.Fatal(err)
	}
	write(t, target, "v3")
	seen, _ = collect(t, w, target)
	if seen[target+"~"] {
		t.Errorf("the backup file was reported: %v", keys(seen))
	}
}

func TestSingleFileThroughItsFolder(t *testing.T) {
	root := t.TempDir()
	site := filepath.Join(root, "site.yaml")
	write(t, site, "title: a")
	w := newWatcher(t, Options{})
	if err := w.AddFile(site); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "README.md"), "not watched")
	quiet(t, w)
	tmp := filepath.Join(root, "site.yaml.tmp")
	write(t, tmp, "title: b")
	if err := os.Rename(tmp, site); err != nil {
		t.Fatal(err)
	}
	seen, _ := collect(t, w, site)
	if len(seen) != 1 {
		t.Errorf("reported %v, want only site.yaml", keys(seen))
	}
}

func TestBurstIsDebounced(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "cases")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w := newWatcher(t, Options{Quiet: 150 * time.Millisecond, MaxDelay: 2 * time.Second})
	if err := w.AddTree(dir); err != nil {
		t.Fatal(err)
	}
	var want []string
	for i := range 100 {
		p := filepath.Join(dir, "c"+strconv.Itoa(i)+".md")
		want = append(want, p)
		write(t, p, "x")
	}
	_, batches := collect(t, w, want...)
	if batches > 3 {
		t.Errorf("100 quick writes came in %d batches, want them together", batches)
	}
}

func TestMaxDelayBoundsAContinuousStream(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "cases")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	w := newWatcher(t, Options{Quiet: 100 * time.Millisecond, MaxDelay: 300 * time.Millisecond})
	if err := w.AddTree(dir); err != nil {
		t.Fatal(err)
	}
	stop := make(chan struct{})
	go func() {
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				os.WriteFile(filepath.Join(dir, "c"+strconv.Itoa(i%5)+".md"), []byte(strconv.Itoa(i)), 0o644)
			}
		}
	}()
	defer close(stop)
	select {
	case <-w.Batches():
	case <-time.After(3 * time.Second):
		t.Fatal("a stream of events never produced a batch")
	}
}

func TestMissingTreeAppears(t *testing.T) {
	root := t.TempDir()
	layouts := filepath.Join(root, "layouts")
	w := newWatcher(t, Options{})
	if err := w.AddTree(layouts); err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(root, "other.txt"), "x")
	quiet(t, w)
	if err := os.MkdirAll(filepath.Join(layouts, "partials"), 0o755); err != nil {
		t.Fatal(err)
	}
	collect(t, w, layouts)
	time.Sleep(50 * time.Millisecond)
	p := filepath.Join(layouts, "partials", "card.html")
	write(t, p, "x")
	collect(t, w, p)
}

func TestFolderMovedAwayAndBack(t *testing.T) {
	root := t.TempDir()
	cases := filepath.Join(root, "cases")
	sub := filepath.Join(cases, "enforcement")
	write(t, filepath.Join(sub, "a.md"), "a")
	outside := filepath.Join(root, "elsewhere")
	w := newWatcher(t, Options{})
	if err := w.AddTree(cases); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(sub, outside); err != nil {
		t.Fatal(err)
	}
	collect(t, w, sub)
	time.Sleep(50 * time.Millisecond)
	// Writing in the folder that moved away reports nothing, and in
	// particular not under its old name.
	write(t, filepath.Join(outside, "a.md"), "changed outside")
	quiet(t, w)
	for _, d := range w.Watched() {
		if d == sub {
			t.Errorf("%s is still watched after it moved away", sub)
		}
	}
	if err := os.Rename(outside, sub); err != nil {
		t.Fatal(err)
	}
	collect(t, w, sub)
	time.Sleep(50 * time.Millisecond)
	p := filepath.Join(sub, "b.md")
	write(t, p, "b")
	collect(t, w, p)
}

func TestTreeRemovedAndRecreated(t *testing.T) {
	root := t.TempDir()
	rules := filepath.Join(root, "rules")
	write(t, filepath.Join(rules, "a.md"), "a")
	w := newWatcher(t, Options{})
	if err := w.AddTree(rules); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(rules); err != nil {
		t.Fatal(err)
	}
	collect(t, w, filepath.Join(rules, "a.md"))
	time.Sleep(50 * time.Millisecond)
	write(t, filepath.Join(rules, "b.md"), "b")
	seen, _ := collect(t, w, rules)
	_ = seen
	time.Sleep(50 * time.Millisecond)
	p := filepath.Join(rules, "c.md")
	write(t, p, "c")
	collect(t, w, p)
}

func TestIgnored(t *testing.T) {
	for name, want := range map[string]bool{
		"case.md": false, ".case.md.swp": true, "case.md~": true, "#case.md#": true,
		".#case.md": true, "x.swx": true, "site.yaml.tmp": true, "4913": false,
	} {
		if got := Ignored(filepath.Join("/site/cases", name)); got != want {
			t.Errorf("Ignored(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestCloseClosesBatches(t *testing.T) {
	w, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := w.AddTree(t.TempDir()); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if _, ok := <-w.Batches(); ok {
		t.Error("Batches still open after Close")
	}
	if err := w.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}
