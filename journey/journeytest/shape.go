package journeytest

import (
	"encoding/json"
	"reflect"
	"sort"
	"strings"
)

// JSONShape is every field name a value of v's type is written with as JSON, one per line as
// a dotted path ("journeys[].painPoints[].action.due"), with ",omitempty" and the like kept:
// what a file or a record says its fields are called, to be compared with a frozen copy.
func JSONShape(v any) string {
	var lines []string
	walkShape(reflect.TypeOf(v), "", &lines, map[reflect.Type]bool{})
	sort.Strings(lines)
	return strings.Join(lines, "\n") + "\n"
}

var marshaler = reflect.TypeFor[json.Marshaler]()

func walkShape(t reflect.Type, path string, lines *[]string, seen map[reflect.Type]bool) {
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	if t.Implements(marshaler) || reflect.PointerTo(t).Implements(marshaler) {
		return // it writes itself: a leaf, whatever its fields
	}
	switch t.Kind() {
	case reflect.Slice, reflect.Array:
		if t.Elem().Kind() != reflect.Uint8 { // []byte is a string of base64 in JSON
			walkShape(t.Elem(), path+"[]", lines, seen)
		}
		return
	case reflect.Map:
		walkShape(t.Elem(), path+"{}", lines, seen)
		return
	case reflect.Struct:
	default:
		return
	}
	if seen[t] {
		return
	}
	seen[t] = true
	defer delete(seen, t)
	for i := range t.NumField() {
		f := t.Field(i)
		if !f.IsExported() {
			continue
		}
		tag := f.Tag.Get("json")
		if tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			walkShape(f.Type, path, lines, seen)
			continue
		}
		if name == "" {
			name = f.Name
		}
		p := name
		if path != "" {
			p = path + "." + name
		}
		if opts != "" {
			*lines = append(*lines, p+" ,"+opts)
		} else {
			*lines = append(*lines, p)
		}
		walkShape(f.Type, p, lines, seen)
	}
}
