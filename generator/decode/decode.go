// Package decode fills Go structs from yaml.v3 nodes and reports every problem
// with the path:line:col of the offending node: unknown fields, wrong types,
// missing required fields, duplicate keys. It keeps the position of every
// field so that later stages (vocabulary checks, reference resolution) can
// point an editor at the exact value.
//
// Struct fields are named by the `yaml` tag. A field tagged `huajie:"required"`
// must be present. A field `Pos diag.Pos` receives the position of the mapping
// itself and a field `Fields map[string]diag.Pos` the position of each value,
// keyed by field name and, for sequence items, by "name.i".
package decode

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"

	"huajie/generator/diag"
)

// Decoder decodes nodes of one file.
type Decoder struct {
	File       string
	LineOffset int // added to node lines: the line of the front matter's first line minus one
	Diags      *diag.List
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
// their line. It returns nil when the source does not parse.
func (d *Decoder) Parse(src []byte) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		line, msg := splitYAMLError(err.Error())
		d.Diags.Add(diag.Pos{File: d.File, Line: line + d.LineOffset, Col: colIfKnown(line)}, "invalid YAML: %s", msg)
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

func colIfKnown(line int) int {
	if line > 0 {
		return 1
	}
	return 0
}

// splitYAMLError pulls "line N" out of yaml.v3's messages ("yaml: line 3: did not find …").
func splitYAMLError(s string) (int, string) {
	s = strings.TrimPrefix(s, "yaml: ")
	if strings.HasPrefix(s, "line ") {
		rest := s[len("line "):]
		if i := strings.Index(rest, ":"); i > 0 {
			if n, err := strconv.Atoi(rest[:i]); err == nil {
				return n, strings.TrimSpace(rest[i+1:])
			}
		}
	}
	return 0, s
}

var (
	posType    = reflect.TypeOf(diag.Pos{})
	fieldsType = reflect.TypeOf(map[string]diag.Pos{})
	unmarshal  = reflect.TypeOf((*Unmarshaler)(nil)).Elem()
)

// Decode fills v (a pointer) from n. It returns false if any problem was found.
func (d *Decoder) Decode(n *yaml.Node, v any) bool {
	before := d.Diags.Len()
	d.value(n, reflect.ValueOf(v).Elem(), "")
	return d.Diags.Len() == before
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
		d.value(n, nv.Elem(), name)
		v.Set(nv)
	case reflect.Struct:
		d.structValue(n, v, name)
	case reflect.Slice:
		if n.Kind != yaml.SequenceNode {
			d.Errorf(n, "%s: expected a list, found %s", label(name), describe(n))
			return
		}
		s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
		for i, c := range n.Content {
			d.value(c, s.Index(i), fmt.Sprintf("%s[%d]", name, i))
		}
		v.Set(s)
	case reflect.Map:
		if n.Kind != yaml.MappingNode {
			d.Errorf(n, "%s: expected a mapping, found %s", label(name), describe(n))
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
			d.Errorf(n, "%s: expected text, found %s", label(name), describe(n))
			return
		}
		v.SetString(n.Value)
	case reflect.Bool:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!bool" {
			d.Errorf(n, "%s: expected true or false, found %s", label(name), describe(n))
			return
		}
		v.SetBool(n.Value == "true" || n.Value == "True" || n.Value == "TRUE")
	case reflect.Int, reflect.Int64, reflect.Int32:
		if n.Kind != yaml.ScalarNode || n.ShortTag() != "!!int" {
			d.Errorf(n, "%s: expected a whole number, found %s", label(name), describe(n))
			return
		}
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			d.Errorf(n, "%s: %v", label(name), err)
			return
		}
		v.SetInt(i)
	case reflect.Float64:
		if n.Kind != yaml.ScalarNode || (n.ShortTag() != "!!float" && n.ShortTag() != "!!int") {
			d.Errorf(n, "%s: expected a number, found %s", label(name), describe(n))
			return
		}
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			d.Errorf(n, "%s: %v", label(name), err)
			return
		}
		v.SetFloat(f)
	case reflect.Interface:
		var x any
		if err := n.Decode(&x); err != nil {
			d.Errorf(n, "%s: %v", label(name), err)
			return
		}
		if x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		panic("decode: unsupported kind " + v.Kind().String())
	}
}

func (d *Decoder) structValue(n *yaml.Node, v reflect.Value, name string) {
	if n.Kind != yaml.MappingNode {
		d.Errorf(n, "%s: expected a mapping of fields, found %s", label(name), describe(n))
		return
	}
	t := v.Type()
	type fieldInfo struct {
		index    int
		required bool
	}
	fields := map[string]fieldInfo{}
	var known []string
	var fieldsMap reflect.Value
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		switch {
		case f.Name == "Pos" && f.Type == posType:
			v.Field(i).Set(reflect.ValueOf(d.Pos(n)))
			continue
		case f.Name == "Fields" && f.Type == fieldsType:
			fieldsMap = reflect.ValueOf(map[string]diag.Pos{})
			v.Field(i).Set(fieldsMap)
			continue
		}
		tag := strings.Split(f.Tag.Get("yaml"), ",")[0]
		if tag == "" || tag == "-" || !f.IsExported() {
			continue
		}
		fields[tag] = fieldInfo{index: i, required: f.Tag.Get("huajie") == "required"}
		known = append(known, tag)
	}
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		fi, ok := fields[k.Value]
		if !ok {
			if s := diag.Suggest(k.Value, known); s != "" {
				d.Errorf(k, "unknown field %q in %s (did you mean %q?)", k.Value, label(name), s)
			} else {
				d.Errorf(k, "unknown field %q in %s (known fields: %s)", k.Value, label(name), strings.Join(known, ", "))
			}
			continue
		}
		if seen[k.Value] {
			d.Errorf(k, "duplicate field %q", k.Value)
			continue
		}
		seen[k.Value] = true
		if fieldsMap.IsValid() {
			fieldsMap.SetMapIndex(reflect.ValueOf(k.Value), reflect.ValueOf(d.Pos(val)))
			if val.Kind == yaml.SequenceNode {
				for j, c := range val.Content {
					fieldsMap.SetMapIndex(reflect.ValueOf(fmt.Sprintf("%s.%d", k.Value, j)), reflect.ValueOf(d.Pos(c)))
				}
			}
		}
		if fi.required && isNull(val) {
			d.Errorf(val, "required field %q is empty", k.Value)
			continue
		}
		d.value(val, v.Field(fi.index), joinName(name, k.Value))
	}
	for _, tag := range known {
		if fields[tag].required && !seen[tag] {
			d.Errorf(n, "missing required field %q in %s", tag, label(name))
		}
	}
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

func label(name string) string {
	if name == "" {
		return "front matter"
	}
	return name
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
