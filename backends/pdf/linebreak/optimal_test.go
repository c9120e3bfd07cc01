package linebreak

import (
	"math"
	"math/rand/v2"
	"testing"
)

// bruteForce returns the least total demerits over every choice of
// breakpoints in pass number num, or +Inf if no choice is feasible.
func bruteForce(items []Item, widths LineWidths, p Params, num int) float64 {
	b := newBreaker(items, widths, p)
	defer b.release()
	var ps pass
	for _, q := range b.passes() {
		if q.num == num {
			ps = q
		}
	}
	var legal []int
	for i := 0; i <= b.last; i++ {
		if _, _, ok := b.breakpoint(i, ps); ok {
			legal = append(legal, i)
		}
	}
	best := math.Inf(1)
	var walk func(from activeNode, k int, total float64)
	walk = func(from activeNode, k int, total float64) {
		for n := k; n < len(legal); n++ {
			i := legal[n]
			cost, flagged, _ := b.breakpoint(i, ps)
			st := min(int(from.start), i)
			w := b.sumW[i] - b.sumW[st] + b.penaltyWidth(i)
			measure := widths.At(int(from.line))
			rt := rate(w, b.sumY[i]-b.sumY[st], b.sumZ[i]-b.sumZ[st], b.sumFil[i]-b.sumFil[st],
				measure, b.emergencyStretch(measure, ps), ps.emergency)
			if !rt.over && rt.bad <= ps.threshold {
				t := total + b.demerits(rt.bad, cost, flagged, i == b.last, rt.fit, &from)
				if i == b.last {
					best = min(best, t)
				} else {
					nb := b.nextBox[i]
					walk(activeNode{start: nb, line: from.line + 1, fit: rt.fit, flagged: flagged}, n+1, t)
				}
			}
			if cost <= -Infinity || rt.over {
				return
			}
		}
	}
	walk(activeNode{fit: fitDecent}, 0, 0)
	return best
}

// randomParagraph returns a few words of random widths with occasional
// hyphenation points and explicit breaks.
func randomParagraph(r *rand.Rand) []Item {
	var items []Item
	words := 3 + r.IntN(8)
	for w := 0; w < words; w++ {
		if w > 0 {
			items = append(items, Glue(1, 0.5, 1.0/3))
		}
		items = append(items, Box(float64(1+r.IntN(5))))
		for r.IntN(3) == 0 {
			items = append(items, Item{Kind: KindPenalty, Width: 1, Cost: 50, Flagged: true, Auto: true},
				Box(float64(1+r.IntN(4))))
		}
		if r.IntN(12) == 0 {
			items = append(items, Penalty(0, Infinity, false), Glue(0, math.Inf(1), 0), Penalty(0, -Infinity, false))
		}
	}
	return append(items, Penalty(0, Infinity, false), Glue(0, math.Inf(1), 0), Penalty(0, -Infinity, false))
}

func TestBreakIsOptimal(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	p := DefaultParams()
	p.Pretolerance = -1
	p.Tolerance = 1000
	checked := [4]int{}
	for trial := 0; trial < 3000; trial++ {
		items := randomParagraph(r)
		widths := Uniform(float64(6 + r.IntN(10)))
		if r.IntN(2) == 0 {
			widths.First = []float64{float64(4 + r.IntN(10)), float64(4 + r.IntN(10))}
		}
		res := Break(items, widths, p)
		want := bruteForce(items, widths, p, 2)
		if math.IsInf(want, 1) {
			if res.Pass != 3 {
				t.Fatalf("trial %d: no feasible solution exists but pass %d succeeded", trial, res.Pass)
			}
			want = bruteForce(items, widths, p, 3)
			if math.IsInf(want, 1) {
				continue // only the overfull fallback remains
			}
		}
		checked[res.Pass]++
		if math.Abs(res.Demerits-want) > 1e-9*max(1, want) {
			t.Fatalf("trial %d: pass %d demerits %v, optimum %v (breaks %v)", trial, res.Pass, res.Demerits, want, res.Breaks)
		}
	}
	if checked[2] < 500 || checked[3] < 500 {
		t.Errorf("too few feasible trials: %v", checked)
	}
	if testing.Verbose() {
		t.Logf("checked per pass: %v", checked)
	}
}
