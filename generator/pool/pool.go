// Package pool runs independent jobs on as many workers as there are CPUs.
// Every stage that works file by file (loading, the privacy guard,
// rendering) uses it, so the build's parallelism is set in one place.
package pool

import (
	"context"
	"runtime"
	"sync"
)

// Run executes jobs concurrently and returns when all have finished. Once
// ctx is cancelled no further job starts.
func Run(ctx context.Context, jobs []func()) {
	ch := make(chan func())
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for f := range ch {
				f()
			}
		}()
	}
	for _, f := range jobs {
		if ctx.Err() != nil {
			break
		}
		ch <- f
	}
	close(ch)
	wg.Wait()
}
