package journey

// StoredEdit is an edit in the form MarshalEdit writes, for the external test that tells what
// its fields are called.
func StoredEdit() any { return wireEdit{} }
