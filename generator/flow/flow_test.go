package flow

import (
	"encoding/xml"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// g builds a graph from compact node and edge specs: nodes "id:kind:label",
// edges "from>to" or "from>to:label".
func g(title string, nodes []string, edges []string) Graph {
	gr := Graph{Title: title, Desc: title + "的流程图。"}
	for _, s := range nodes {
		p := strings.SplitN(s, ":", 3)
		gr.Nodes = append(gr.Nodes, Node{ID: p[0], Kind: p[1], Label: p[2], Href: "#step-" + p[0]})
	}
	for _, s := range edges {
		ft, label, _ := strings.Cut(s, ":")
		f, t, _ := strings.Cut(ft, ">")
		gr.Edges = append(gr.Edges, Edge{From: f, To: t, Label: label})
	}
	return gr
}

var fixtures = []struct {
	name string
	g    Graph
}{
	{"linear", g("线性流程", []string{
		"s:start:提出申请", "a:step:登记", "b:step:审查材料", "c:step:出具书面意见", "e:end:结束",
	}, []string{"s>a", "a>b", "b>c", "c>e"})},

	{"nested", g("嵌套判断", []string{
		"s:start:收到申请", "d1:decision:材料是否齐全", "fix:step:一次性告知补正", "d2:decision:是否属于受理范围",
		"other:step:告知其他救济途径", "reg:step:受理登记", "d3:decision:是否需要听证", "hear:step:组织听证",
		"decide:step:作出化解意见", "e:end:结束",
	}, []string{
		"s>d1", "d1>d2:是", "d1>fix:否", "fix>e", "d2>reg:是", "d2>other:否", "other>e",
		"reg>d3", "d3>hear:需要", "d3>decide:不需要", "hear>decide", "decide>e",
	})},

	{"loops", g("两个循环", []string{
		"s:start:开始", "submit:step:提交申请材料", "check:decision:材料是否齐全", "fix:step:补正材料",
		"talk:step:组织协商", "ok:decision:是否达成一致", "sign:step:签订协议", "e:end:结束",
	}, []string{
		"s>submit", "submit>check", "check>talk:齐全", "check>fix:不齐全", "fix>submit:补正后",
		"talk>ok", "ok>sign:是", "ok>talk:否，再次协商", "sign>e",
	})},

	{"skip", g("跨层长边", []string{
		"s:start:立案", "a:step:分配承办人", "d:decision:是否适用简易程序", "b:step:调查取证", "c:step:组织听证",
		"x:step:合议评议", "y:step:作出决定", "e:end:结案",
	}, []string{
		"s>a", "a>d", "d>b:否", "d>e:是，当场结案", "b>c", "c>x", "x>y", "y>e", "a>y:撤回申请",
	})},

	{"mediation", g("行政争议化解工作流程", []string{
		"apply:start:当事人申请", "refer:start:法院委派或移送", "review:decision:审查是否受理",
		"supplement:step:通知补正材料", "reject:step:不予受理并告知救济途径", "confirm:step:签署确认书",
		"notify:step:通知行政机关答复", "assign:step:指派化解员", "negotiate:step:面对面协商、释法说理",
		"agree:decision:是否达成一致", "terminate:step:化解终结", "tocourt:step:告知诉权、移送法院",
		"sign:step:签订化解协议", "judicial:decision:是否申请司法确认", "court:step:法院审查出具调解书",
		"perform:decision:是否履行协议", "urge:step:督促履行", "feedback:step:出具反馈函",
		"visit:step:回访当事人", "archive:end:立卷归档",
	}, []string{
		"apply>review", "refer>review", "review>confirm:受理", "review>supplement:材料不全",
		"review>reject:不予受理", "supplement>review:补正后", "reject>archive", "confirm>notify",
		"notify>assign", "assign>negotiate", "negotiate>agree", "agree>sign:达成一致",
		"agree>negotiate:再次协商", "agree>terminate:化解不成", "terminate>tocourt", "tocourt>feedback",
		"sign>judicial", "judicial>court:申请", "judicial>perform:不申请", "court>perform",
		"perform>feedback:已履行", "perform>urge:未履行", "urge>perform:督促后", "feedback>visit",
		"visit>archive",
	})},
}

func TestGolden(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			d, err := Layout(f.g, Options{})
			if err != nil {
				t.Fatal(err)
			}
			got := d.SVG() + "\n"
			path := filepath.Join("testdata", f.name+".golden")
			if *update {
				if err := os.MkdirAll("testdata", 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs from the golden file; run go test -update and look at the picture", f.name)
			}
		})
	}
}

func TestProperties(t *testing.T) {
	for _, f := range fixtures {
		t.Run(f.name, func(t *testing.T) {
			for _, o := range []Options{{}, {FontSize: 16, MaxLabelEm: 5}} {
				d, err := Layout(f.g, o)
				if err != nil {
					t.Fatal(err)
				}
				checkDiagram(t, d)
			}
		})
	}
}

// TestRandom checks the properties on generated procedure-like graphs: a
// chain with decisions branching forward and back.
func TestRandom(t *testing.T) {
	labels := []string{"审查", "通知行政机关提交答复意见", "组织双方面对面协商", "是否同意", "出具反馈函", "Review the file", "归档", "补正材料并重新提交申请"}
	for seed := int64(1); seed <= 200; seed++ {
		rng := rand.New(rand.NewSource(seed))
		n := 4 + rng.Intn(14)
		var gr Graph
		for i := 0; i < n; i++ {
			kind := KindStep
			switch {
			case i == 0:
				kind = KindStart
			case i == n-1:
				kind = KindEnd
			case rng.Intn(3) == 0:
				kind = KindDecision
			}
			gr.Nodes = append(gr.Nodes, Node{ID: fmt.Sprint("n", i), Kind: kind, Label: labels[rng.Intn(len(labels))]})
		}
		if seed%5 == 0 { // no start node
			gr.Nodes[0].Kind = KindStep
		}
		for i := 0; i+1 < n; i++ {
			if seed%7 != 0 || i != n/2 { // seed%7 == 0: two components
				gr.Edges = append(gr.Edges, Edge{From: fmt.Sprint("n", i), To: fmt.Sprint("n", i+1)})
			}
			if gr.Nodes[i].Kind == KindStep && rng.Intn(6) == 0 {
				gr.Edges = append(gr.Edges, Edge{From: fmt.Sprint("n", i), To: fmt.Sprint("n", rng.Intn(n))})
			}
			if gr.Nodes[i].Kind == KindDecision {
				for k := 0; k < 1+rng.Intn(2); k++ {
					to := rng.Intn(n)
					gr.Edges = append(gr.Edges, Edge{From: fmt.Sprint("n", i), To: fmt.Sprint("n", to), Label: labels[rng.Intn(len(labels))][:6]})
				}
			}
		}
		d, err := Layout(gr, Options{})
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) { checkDiagram(t, d) })
	}
}

func checkDiagram(t *testing.T, d *Diagram) {
	t.Helper()
	em := d.em
	// Boxes do not overlap.
	for i, a := range d.boxes {
		for _, b := range d.boxes[i+1:] {
			if a.rect().overlaps(b.rect()) {
				t.Errorf("boxes %s and %s overlap", a.ID, b.ID)
			}
		}
	}
	// Every text line fits in its box.
	for _, b := range d.boxes {
		for i, s := range b.lines {
			w, cy := textEm(s)*em, lineY(b, i, em)
			for _, c := range [][2]float64{{b.x - w/2, cy - em/2}, {b.x + w/2, cy - em/2}, {b.x - w/2, cy + em/2}, {b.x + w/2, cy + em/2}} {
				if !inside(b, c[0], c[1]) {
					t.Errorf("line %q of %s (%s) does not fit its box", s, b.ID, b.Kind)
				}
			}
		}
	}
	// Labels overlap no box, and their text fits the label.
	for _, r := range d.edges {
		if r.Label == "" {
			continue
		}
		if r.label == nil {
			t.Errorf("edge %s→%s: label %q not placed", r.From, r.To, r.Label)
			continue
		}
		for _, b := range d.boxes {
			if r.label.overlaps(b.rect()) {
				t.Errorf("label %q of %s→%s overlaps box %s", r.Label, r.From, r.To, b.ID)
			}
		}
		for _, s := range r.lines {
			if textEm(s)*r.lfont > r.label.x1-r.label.x0+0.01 {
				t.Errorf("label line %q wider than its place", s)
			}
		}
	}
	// Edges pass through no box but at their own ends.
	for _, r := range d.edges {
		for i := 0; i+1 < len(r.pts); i++ {
			a, b := r.pts[i], r.pts[i+1]
			if math.Abs(a.x-b.x) > 0.05 && math.Abs(a.y-b.y) > 0.05 {
				t.Errorf("edge %s→%s: segment %v–%v is not orthogonal", r.From, r.To, a, b)
			}
			for k, x := range d.boxes {
				if i == 0 && k == r.from || i+2 == len(r.pts) && k == r.to {
					continue
				}
				if segHits(a, b, x.rect().grow(-0.5)) {
					t.Errorf("edge %s→%s crosses box %s", r.From, r.To, x.ID)
				}
			}
		}
	}
	// Everything lies inside the viewBox.
	in := func(what string, x, y float64) {
		if math.IsNaN(x) || math.IsNaN(y) || math.IsInf(x, 0) || math.IsInf(y, 0) || x < 0 || y < 0 || x > d.Width || y > d.Height {
			t.Errorf("%s at (%v, %v) outside the viewBox %v×%v", what, x, y, d.Width, d.Height)
		}
	}
	for _, b := range d.boxes {
		r := b.rect()
		in(b.ID, r.x0, r.y0)
		in(b.ID, r.x1, r.y1)
	}
	for _, r := range d.edges {
		for _, p := range r.pts {
			in("edge "+r.From+"→"+r.To, p.x, p.y)
		}
		if r.label != nil {
			in("label "+r.Label, r.label.x0, r.label.y0)
			in("label "+r.Label, r.label.x1, r.label.y1)
		}
	}
	checkSVG(t, d)
}

// inside reports whether (px, py) lies in the shape of b.
func inside(b *box, px, py float64) bool {
	dx, dy := math.Abs(px-b.x), math.Abs(py-b.y)
	switch b.Kind {
	case KindDecision:
		return dx/(b.w/2)+dy/(b.h/2) <= 1+1e-9
	case KindStart, KindEnd:
		r := b.h / 2
		if dy > r {
			return false
		}
		if dx <= b.w/2-r {
			return true
		}
		return math.Hypot(dx-(b.w/2-r), dy) <= r
	}
	return dx <= b.w/2 && dy <= b.h/2
}

var numRe = regexp.MustCompile(`-?[0-9]+(\.[0-9]+)?`)

// checkSVG parses the SVG as XML and checks that every coordinate in it is
// a finite number inside the viewBox.
func checkSVG(t *testing.T, d *Diagram) {
	t.Helper()
	dec := xml.NewDecoder(strings.NewReader(d.SVG()))
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		se, ok := tok.(xml.StartElement)
		if !ok {
			continue
		}
		for _, a := range se.Attr {
			var xs, ys []string
			switch a.Name.Local {
			case "x", "cx":
				xs = []string{a.Value}
			case "y", "cy":
				ys = []string{a.Value}
			case "points", "d":
				ns := numRe.FindAllString(a.Value, -1)
				for i := 0; i+1 < len(ns); i += 2 {
					xs, ys = append(xs, ns[i]), append(ys, ns[i+1])
				}
			case "width", "height":
				if se.Name.Local == "svg" || strings.HasSuffix(a.Value, "%") {
					continue
				}
				xs = []string{a.Value}
			default:
				continue
			}
			for _, s := range append(xs, ys...) {
				v, err := strconv.ParseFloat(s, 64)
				if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
					t.Errorf("<%s %s=%q>: bad number %q", se.Name.Local, a.Name.Local, a.Value, s)
				}
			}
			for _, s := range xs {
				if v, _ := strconv.ParseFloat(s, 64); v > d.Width {
					t.Errorf("<%s %s>: x %v beyond the width %v", se.Name.Local, a.Name.Local, v, d.Width)
				}
			}
			for _, s := range ys {
				if v, _ := strconv.ParseFloat(s, 64); v > d.Height {
					t.Errorf("<%s %s>: y %v beyond the height %v", se.Name.Local, a.Name.Local, v, d.Height)
				}
			}
		}
	}
}

// TestMainPathStraight checks that the main path is one vertical column.
func TestMainPathStraight(t *testing.T) {
	for _, f := range fixtures {
		d, err := Layout(f.g, Options{})
		if err != nil {
			t.Fatal(err)
		}
		x := math.NaN()
		for _, r := range d.edges {
			if !r.isMain {
				continue
			}
			if len(r.pts) != 2 || r.pts[0].x != r.pts[1].x {
				t.Errorf("%s: main edge %s→%s is not a straight vertical: %v", f.name, r.From, r.To, r.pts)
			}
			if math.IsNaN(x) {
				x = r.pts[0].x
			} else if r.pts[0].x != x {
				t.Errorf("%s: main edge %s→%s is off the column %v", f.name, r.From, r.To, x)
			}
		}
		if math.IsNaN(x) {
			t.Errorf("%s: no main path", f.name)
		}
	}
}

// TestLoopsOnTheSide checks that every loop climbs outside all boxes.
func TestLoopsOnTheSide(t *testing.T) {
	for _, f := range fixtures {
		d, _ := Layout(f.g, Options{})
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, b := range d.boxes {
			lo, hi = math.Min(lo, b.x-b.w/2), math.Max(hi, b.x+b.w/2)
		}
		for _, r := range d.edges {
			if !r.loop {
				continue
			}
			ok := false
			for i := 0; i+1 < len(r.pts); i++ {
				a, b := r.pts[i], r.pts[i+1]
				if a.x == b.x && b.y < a.y && (a.x < lo || a.x > hi) {
					ok = true
				}
			}
			if !ok {
				t.Errorf("%s: loop %s→%s does not climb along a side channel: %v", f.name, r.From, r.To, r.pts)
			}
		}
	}
}

func TestDeterministic(t *testing.T) {
	for _, f := range fixtures {
		a, _ := Layout(f.g, Options{})
		for i := 0; i < 5; i++ {
			b, _ := Layout(f.g, Options{})
			if a.SVG() != b.SVG() {
				t.Fatalf("%s: output differs between runs", f.name)
			}
		}
	}
}

func TestAccessibilityAndEscaping(t *testing.T) {
	gr := Graph{Title: `A<B & "C"`, Desc: "说明 <desc>", Nodes: []Node{
		{ID: "a", Kind: KindStart, Label: "开始 <&>", Href: "/x?a=1&b=2", Title: `"提示"`},
		{ID: "b", Kind: KindDecision, Label: "是否'继续'"},
		{ID: "c", Kind: KindEnd, Label: "结束", Title: "结束 & 归档"},
	}, Edges: []Edge{{From: "a", To: "b"}, {From: "b", To: "c", Label: "是 <ok>"}, {From: "b", To: "a", Label: "否"}}}
	d, err := Layout(gr, Options{ID: "f1"})
	if err != nil {
		t.Fatal(err)
	}
	svg := d.SVG()
	for _, want := range []string{
		`role="group" aria-labelledby="f1-title f1-desc"`,
		`<title id="f1-title">A&lt;B &amp; &#34;C&#34;</title>`,
		`<desc id="f1-desc">说明 &lt;desc&gt;</desc>`,
		`<a href="/x?a=1&amp;b=2"><title>&#34;提示&#34;</title><g class="node start"`,
		`开始 &lt;&amp;&gt;`, `是否&#39;继续&#39;`, `是 &lt;ok&gt;`,
		`<g class="node decision"`, `<g class="node end" data-id="c"><title>结束 &amp; 归档</title>`,
		`width="100%"`,
	} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s", want)
		}
	}
	for _, bad := range []string{"style=", "font-family", "<script", "<style"} {
		if strings.Contains(svg, bad) {
			t.Errorf("SVG has %s (a strict CSP blocks inline styles; the font is inherited)", bad)
		}
	}
	checkDiagram(t, d)
	gr.Nodes[0].Href = ""
	d, _ = Layout(gr, Options{ID: "f1"})
	if !strings.Contains(d.SVG(), `role="img"`) {
		t.Error("an SVG without links should have role=img")
	}
}

func TestErrors(t *testing.T) {
	for _, gr := range []Graph{
		{},
		{Nodes: []Node{{ID: "a"}, {ID: "a"}}},
		{Nodes: []Node{{ID: "a", Kind: "circle"}}},
		{Nodes: []Node{{ID: "a"}}, Edges: []Edge{{From: "a", To: "b"}}},
	} {
		if _, err := Layout(gr, Options{}); err == nil {
			t.Errorf("no error for %+v", gr)
		}
	}
	if _, err := Layout(Graph{Nodes: []Node{{ID: "a", Label: "x"}}}, Options{FontSize: math.NaN()}); err == nil {
		t.Error("no error for a NaN font size")
	}
}

func TestWrap(t *testing.T) {
	for _, c := range []struct {
		in   string
		max  float64
		want string
	}{
		{"审查是否受理", 8, "审查是否受理"},
		{"面对面协商、释法说理", 8, "面对面协商、|释法说理"},
		{"告知诉权、移送法院", 8, "告知诉权、|移送法院"},
		{"不予受理并告知救济途径", 8, "不予受理并告|知救济途径"},
		{"Review the application file", 8, "Review the|application|file"},
		{"第一行\n第二行", 8, "第一行|第二行"},
		{"（括号）内容说明文字", 4, "（括号）|内容说明|文字"},
	} {
		if got := strings.Join(wrap(c.in, c.max), "|"); got != c.want {
			t.Errorf("wrap(%q, %v) = %q, want %q", c.in, c.max, got, c.want)
		}
	}
	if w := textEm("司法确认ab，"); math.Abs(w-6.2) > 1e-9 {
		t.Errorf("textEm = %v", w)
	}
}
