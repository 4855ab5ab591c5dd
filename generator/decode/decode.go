// Package decode fills Go structs from yaml.v3 nodes and reports every problem
// with the path:line:col of the offending node: unknown fields, wrong types,
// missing required fields, duplicate keys. It keeps the position of every
// field so that later stages (vocabulary checks, reference resolution) can
// point an editor at the exact value.
//
// Struct fields are named by the `yaml` tag. A field tagged `huajie:"required"`
// must be present. A field `Pos diag.Pos` receives the position of the mapping
// itself and a field `Fields map[string]diag.Pos` the position of each value,
// keyed by field name and, for sequence items, by "name.i". A field
// `Invalid map[string]bool` records the fields that were present but failed to
// decode, so later checks can leave them alone instead of reporting a cascade.
package decode

import (
	"fmt"
	"path"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"huajie/generator/diag"
)

// Decoder decodes nodes of one file.
type Decoder struct {
	File       string
	LineOffset int // added to node lines: the line of the front matter's first line minus one
	Diags      *diag.List
	// Root names the top-level mapping in messages: "front matter" for
	// Markdown files, the file name for YAML files (the default).
	Root string
}

// Unmarshaler is implemented by types that decode themselves from a scalar
// or other node; they report problems through d.
type Unmarshaler interface {
	DecodeNode(d *Decoder, n *yaml.Node) bool
}

// Pos returns the position of n in the file.
func (d *Decoder) Pos(n *yaml.Node) diag.Pos {
	if n == nil {
		return diag.Pos{File: d.File}
	}
	return diag.Pos{File: d.File, Line: n.Line + d.LineOffset, Col: n.Column}
}

// Errorf records a problem at n.
func (d *Decoder) Errorf(n *yaml.Node, format string, args ...any) {
	d.Diags.Add(d.Pos(n), format, args...)
}

// Parse parses src as YAML into a document node, reporting syntax errors at
// their line and column. It returns nil when the source does not parse.
func (d *Decoder) Parse(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, col, msg := errorPos(src, err.Error())
		pos := diag.Pos{File: d.File}
		if line > 0 {
			pos.Line, pos.Col = line+d.LineOffset, col
		}
		d.Diags.Add(pos, "invalid YAML: %s", msg)
		return nil
	}
	if doc.Kind == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	if doc.Kind == yaml.DocumentNode && len(doc.Content) == 1 {
		return doc.Content[0]
	}
	return &doc
}

// yaml.v3 reports parser errors one line early (it prints the 0-based line of
// the problem) and scanner errors correctly; these are its parser messages.
var parserErrors = []string{
	"did not find expected <document start>", "did not find expected node content",
	"did not find expected key", "did not find expected ',' or ']'", "did not find expected ',' or '}'",
	"did not find expected '-' indicator", "found duplicate %YAML directive", "found incompatible YAML document",
	"found undefined tag handle", "did not find expected <stream-start>",
	"found a tab character that violates indentation",
}

var anchorRE = regexp.MustCompile(`unknown anchor '([^']*)' referenced`)

// errorPos turns a yaml.v3 error message into a 1-based line and column of
// src and the message without its "yaml: line N:" prefix. It returns line 0
// when the position cannot be found.
func errorPos(src []byte, s string) (line, col int, msg string) {
	s = strings.TrimPrefix(s, "yaml: ")
	msg = s
	if strings.HasPrefix(s, "line ") {
		rest := s[len("line "):]
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				line, msg = n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	lines := strings.Split(string(src), "\n")
	if line > 0 {
		for _, p := range parserErrors {
			// …unless the next line is blank: the problem is the end of the text.
			if strings.HasPrefix(msg, p) && line < len(lines) && strings.TrimSpace(lines[line]) != "" {
				line++
				break
			}
		}
	}
	if m := anchorRE.FindStringSubmatch(msg); m != nil {
		// No position in the message: find the alias in the source.
		for i, l := range lines {
			if j := strings.Index(l, "*"+m[1]); j >= 0 {
				return i + 1, utf8.RuneCountInString(l[:j]) + 1, msg
			}
		}
	}
	if strings.Contains(msg, "control characters are not allowed") || strings.Contains(msg, "invalid leading UTF-8") || strings.Contains(msg, "invalid trailing UTF-8") {
		for i, l := range lines {
			for j, r := range l {
				if (r < 0x20 && r != '\t') || r == 0x7f || r == utf8.RuneError {
					return i + 1, utf8.RuneCountInString(l[:j]) + 1, msg
				}
			}
		}
	}
	if line == 0 || line > len(lines) {
		return line, 0, msg
	}
	// Point at the character the message is about when it can be told,
	// else at the first character of the line.
	l := lines[line-1]
	at := len(l) - len(strings.TrimLeft(l, " \t"))
	switch {
	case strings.HasPrefix(msg, "mapping values are not allowed"):
		// The second "key:" on a line: title: 标题: 副标题
		// The second "key:" on a line (title: 标题: 副标题), or the only one
		// of a line indented where no mapping can start.
		if first := colonAt(l, 0); first >= 0 {
			at = first
			if second := colonAt(l, first+1); second >= 0 {
				at = second
			}
		}
	case strings.HasPrefix(msg, "found a tab character"):
		if i := strings.IndexByte(l, '\t'); i >= 0 {
			at = i
		}
	case strings.HasPrefix(msg, "found character that cannot start any token"):
		if i := strings.IndexAny(l, "@`"); i >= 0 {
			at = i
		}
	case strings.HasPrefix(msg, "found unexpected end of stream"), strings.Contains(msg, "quoted scalar"):
		if i := strings.IndexAny(l, `"'`); i >= 0 {
			at = i
		}
	}
	return line, utf8.RuneCountInString(l[:at]) + 1, msg
}

// colonAt returns the byte index of the first ": " (or a final ":") in l at
// or after from, or -1.
func colonAt(l string, from int) int {
	for i := from; i < len(l); i++ {
		if l[i] == ':' && (i+1 == len(l) || l[i+1] == ' ') {
			return i
		}
	}
	return -1
}

var (
	posType     = reflect.TypeOf(diag.Pos{})
	fieldsType  = reflect.TypeOf(map[string]diag.Pos{})
	invalidType = reflect.TypeOf(map[string]bool{})
	unmarshal   = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
)

// Decode fills v (a pointer) from n. It returns false if any problem was found.
func (d *Decoder) Decode(n *yaml.Node, v any) bool {
	before := d.Diags.Len()
	d.value(n, reflect.ValueOf(v).Elem(), "")
	return d.Diags.Len() == before
}

func (d *Decoder) label(name string) string {
	if name != "" {
		return name
	}
	if d.Root != "" {
		return d.Root
	}
	return path.Base(d.File)
}

func (d *Decoder) value(n *yaml.Node, v reflect.Value, name string) {
	if n.Kind == yaml.AliasNode {
		n = n.Alias
	}
	if v.CanAddr() && v.Addr().Type().Implements(unmarshal) {
		v.Addr().Interface().(Unmarshaler).DecodeNode(d, n)
		return
	}
	if isNull(n) {
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		nv := reflect.New(v.Type().Elem())
		before := d.Diags.Len()
		d.value(n, nv.Elem(), name)
		if d.Diags.Len() == before {
			v.Set(nv)
		}
	case reflect.Struct:
		d.structValue(n, v, name)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "%s: expected a list, found %s", d.label(name), describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", name, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "%s: expected a mapping, found %s", d.label(name), describe(n))
			return
		}
		m := reflect.MakeMap(v.Type())
		seen := map[string]bool{}
		for i := 0; i+1 < len(n.Content); i += 2 {
			k, val := n.Content[i], n.Content[i+1]
			if seen[k.Value] {
				d.Errorf(k, "duplicate key %q", k.Value)
				continue
			}
			seen[k.Value] = true
			ev := reflect.New(v.Type().Elem()).Elem()
			d.value(val, ev, joinName(name, k.Value))
			m.SetMapIndex(reflect.ValueOf(k.Value).Convert(v.Type().Key()), ev)
		}
		v.Set(m)
	case reflect.String:
		if n.Kind != yaml.ScalarNode {
			d.Errorf(n, "%s: expected text, found %s", d.label(name), describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.Errorf(n, "%s: expected true or false, found %s", d.label(name), describe(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.Errorf(n, "%s: expected a whole number, found %s", d.label(name), describe(n))
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			d.Errorf(n, "%s: %v", d.label(name), err)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!float" && n.ShortTag() != "!!int") {
			d.Errorf(n, "%s: expected a number, found %s", d.label(name), describe(n))
			return
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			d.Errorf(n, "%s: %v", d.label(name), err)
			return
		}
		v.SetFloat(f)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.Errorf(n, "%s: %v", d.label(name), err)
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		panic("decode: unsupported kind " + v.Kind().String())
	}
}

// structInfo is what structValue needs to know of a struct type, worked
// out once per type: decoding ten thousand cases reads the same tags.
type structInfo struct {
	fields               map[string]fieldInfo
	known                []string // yaml names in declaration order
	pos, posMap, invalid int      // indexes of Pos, Fields and Invalid, or -1
}

type fieldInfo struct {
	index    int
	required bool
}

var structInfos sync.Map // reflect.Type → *structInfo

func infoOf(t reflect.Type) *structInfo {
	if si, ok := structInfos.Load(t); ok {
		return si.(*structInfo)
	}
	si := &structInfo{fields: map[string]fieldInfo{}, pos: -1, posMap: -1, invalid: -1}
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Name == "Pos" && f.Type == posType:
			si.pos = i
			continue
		case f.Name == "Fields" && f.Type == fieldsType:
			si.posMap = i
			continue
		case f.Name == "Invalid" && f.Type == invalidType:
			si.invalid = i
			continue
		}
		tag, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		si.fields[tag] = fieldInfo{index: i, required: f.Tag.Get("huajie") == "required"}
		si.known = append(si.known, tag)
	}
	structInfos.Store(t, si)
	return si
}

func (d *Decoder) structValue(n *yaml.Node, v reflect.Value, name string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s: expected a mapping of fields, found %s", d.label(name), describe(n))
		return
	}
	si := infoOf(v.Type())
	var fieldsMap map[string]diag.Pos
	var invalid map[string]bool
	if si.pos >= 0 {
		v.Field(si.pos).Set(reflect.ValueOf(d.Pos(n)))
	}
	if si.posMap >= 0 {
		fieldsMap = make(map[string]diag.Pos, len(n.Content))
		v.Field(si.posMap).Set(reflect.ValueOf(fieldsMap))
	}
	if si.invalid >= 0 {
		invalid = map[string]bool{}
		v.Field(si.invalid).Set(reflect.ValueOf(invalid))
	}
	var seen map[string]bool
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := si.fields[k.Value]
		if !ok {
			if s := diag.Suggest(k.Value, si.known); s != "" {
				d.Errorf(k, "unknown field %q in %s (did you mean %q?)", k.Value, d.label(name), s)
			} else {
				d.Errorf(k, "unknown field %q in %s (known fields: %s)", k.Value, d.label(name), strings.Join(si.known, ", "))
			}
			continue
		}
		if seen == nil {
			seen = make(map[string]bool, len(n.Content)/2)
		}
		if seen[k.Value] {
			d.Errorf(k, "duplicate field %q", k.Value)
			continue
		}
		seen[k.Value] = true
		if fieldsMap != nil {
			fieldsMap[k.Value] = d.Pos(val)
			if val.Kind == yaml.SequenceNode {
				for j, c := range val.Content {
					fieldsMap[k.Value+"."+strconv.Itoa(j)] = d.Pos(c)
				}
			}
		}
		if fi.required && isEmpty(val) {
			d.Errorf(val, "required field %q is empty", k.Value)
			if invalid != nil {
				invalid[k.Value] = true
			}
			continue
		}
		before := d.Diags.Len()
		d.value(val, v.Field(fi.index), joinName(name, k.Value))
		if invalid != nil && d.Diags.Len() != before {
			invalid[k.Value] = true
		}
	}
	for _, tag := range si.known {
		if si.fields[tag].required && !seen[tag] {
			d.Errorf(n, "missing required field %q in %s", tag, d.label(name))
		}
	}
}

// isEmpty reports a null, an empty text, or an empty list or mapping.
func isEmpty(n *yaml.Node) bool {
	switch n.Kind {
	case yaml.ScalarNode:
		return isNull(n) || n.Value == ""
	case yaml.SequenceNode, yaml.MappingNode:
		return len(n.Content) == 0
	}
	return false
}

func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

func joinName(parent, child string) string {
	if parent == "" {
		return child
	}
	return parent + "." + child
}

func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.ScalarNode:
		switch n.ShortTag() {
		case "!!str":
			return fmt.Sprintf("text %q", n.Value)
		case "!!int", "!!float":
			return "number " + n.Value
		case "!!bool":
			return n.Value
		case "!!timestamp":
			return "date " + n.Value
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "a value"
}
