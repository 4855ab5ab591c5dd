// Package procstat reads the figures benchmarks report of their own
// process on Linux: CPU time and peak resident set. Elsewhere each reports
// that it has no figure.
package procstat

import (
	"bytes"
	"os"
	"strconv"
)

// CPUSeconds returns the user and system CPU time of the process so far,
// from /proc/self/stat (in clock ticks of 1/100 s, the Linux USER_HZ):
// unlike ns/op it does not grow when other processes compete for the CPUs.
func CPUSeconds() (float64, bool) {
	b, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0, false
	}
	// Fields after the command name, which is in parentheses and may hold spaces.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(b[i+1:])
	if len(f) < 13 {
		return 0, false
	}
	utime, err1 := strconv.ParseFloat(string(f[11]), 64)
	stime, err2 := strconv.ParseFloat(string(f[12]), 64)
	return (utime + stime) / 100, err1 == nil && err2 == nil
}

// ResetPeakRSS resets the kernel's peak resident set (VmHWM) of the process
// to its current size; it does nothing where that is not supported.
func ResetPeakRSS() {
	os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
}

// PeakRSS returns VmHWM in MB (10^6 bytes).
func PeakRSS() (float64, bool) {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for line := range bytes.SplitSeq(b, []byte("\n")) {
		if rest, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
			f := bytes.Fields(rest)
			if len(f) == 2 && string(f[1]) == "kB" {
				kb, err := strconv.ParseFloat(string(f[0]), 64)
				return kb * 1024 / 1e6, err == nil
			}
		}
	}
	return 0, false
}
