package chart

import (
	"math"
)

// NiceTicks returns evenly spaced tick values covering [min, max]: the first
// tick is ≤ min, the last ≥ max, the step is 1, 2 or 5 × 10^k, and there are
// at most maxTicks of them, as many as fit (maxTicks is raised to 2, or to 3
// when the range straddles 0, since 0 is always a multiple of the step). Bar
// charts pass min = 0 so that 0 is a tick. When min == max the range is
// widened to include 0 (and to [0, 1] when both are 0), so the result always
// has at least two distinct ticks. NaN or infinite bounds, or a range too
// wide for float64, give nil.
func NiceTicks(min, max float64, maxTicks int) []float64 {
	return niceTicks(min, max, maxTicks, false)
}

// niceTicks is NiceTicks; integer keeps the step at 1 or more (for counts,
// where a tick at 0.5件 makes no sense).
func niceTicks(lo, hi float64, maxTicks int, integer bool) []float64 {
	if math.IsNaN(lo) || math.IsNaN(hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0) {
		return nil
	}
	if maxTicks < 2 {
		maxTicks = 2
	}
	if lo > hi {
		lo, hi = hi, lo
	}
	if lo == hi {
		switch {
		case lo == 0:
			hi = 1
		case lo > 0:
			lo = 0
		default:
			hi = 0
		}
	}
	if lo < 0 && hi > 0 && maxTicks < 3 {
		maxTicks = 3
	}
	span := hi - lo
	if math.IsInf(span, 0) {
		return nil
	}
	// Start one decade below the rough step and walk up through 1, 2, 5:
	// the first step that needs no more than maxTicks ticks is the finest.
	exp := int(math.Floor(math.Log10(span/float64(maxTicks-1)))) - 1
	if integer && exp < 0 {
		exp = 0
	}
	for ; exp <= 308; exp++ {
		for _, m := range [...]int64{1, 2, 5} {
			step := tickValue(m, exp)
			if math.IsInf(step, 0) {
				return nil
			}
			first := math.Floor(lo/step + 1e-9)
			last := math.Ceil(hi/step - 1e-9)
			if last-first+1 > float64(maxTicks) {
				continue
			}
			ticks := make([]float64, 0, int(last-first)+1)
			for i := int64(first); i <= int64(last); i++ {
				ticks = append(ticks, tickValue(i*m, exp))
			}
			return ticks
		}
	}
	return nil
}

// tickValue is n × 10^exp computed so that decimal ticks come out as the
// nearest float64 (0.3, not 0.30000000000000004).
func tickValue(n int64, exp int) float64 {
	if exp >= 0 {
		return float64(n) * math.Pow10(exp)
	}
	return float64(n) / math.Pow10(-exp)
}

// tickDecimals is the number of decimals needed to print ticks step apart.
func tickDecimals(step float64) int {
	if step <= 0 || step >= 1 {
		return 0
	}
	return int(math.Ceil(-math.Log10(step) - 1e-9))
}
