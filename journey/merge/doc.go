// Package merge merges two versions of a stored record that each changed since the last
// version both sides agreed on, field by field, as a shared workspace must when two desks
// changed one record before either saw the other's change. Fields changed on one side only
// both stand; lists of items (stages, lanes, emotion scores) merge item by item and lists of
// ids keep every id added on either side; the same field changed on both sides to different
// values is a Conflict, kept with both values, whose provisional value is picked by a rule
// that does not depend on which side merges. It works on JSON: the store merges records
// with it, and an undo the item it takes back.
package merge
