package merge

import (
	"encoding/json"
	"fmt"
)

// Values is every value of a record by the path a Conflict names it with: each field, each
// item of a list of items and each field inside them, down to the leaves, and the whole
// record at "". A nil record has none. It is how a conflict's field is read off a version of
// the record: to tell whether a change touched a field in conflict.
func Values(record []byte) (map[string]json.RawMessage, error) {
	if record == nil {
		return nil, nil
	}
	v, err := decode(record)
	if err != nil {
		return nil, err
	}
	out := map[string]json.RawMessage{}
	values(out, "", v)
	return out, nil
}

func values(out map[string]json.RawMessage, path string, v any) {
	out[path] = raw(v)
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			values(out, join(path, k), x)
		}
	case []any:
		if l, ok := identify(v); ok {
			for _, id := range l.order {
				values(out, fmt.Sprintf("%s[%s]", path, id), l.items[id])
			}
		}
	}
}
