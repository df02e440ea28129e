package interchange

// FileShape is a workspace file as a value of the type Marshal writes, for the external test
// that tells what its fields are called.
func FileShape() any { return fileOut{} }
