// Command big writes the workspace of one journey of 200 stages × 10 lanes × 10 cards (16,000
// cards, 2,000 pain points) to the file named, for `make startup` to time the biggest map.
package main

import (
	"fmt"
	"io"
	"os"

	"journeymap/journey/interchange"
	"journeymap/journey/journeytest"
	"journeymap/storage/transfer"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: big FILE")
		os.Exit(2)
	}
	w, _ := journeytest.Big(200, 10, 10)
	if err := transfer.WriteFile(os.Args[1], func(dst io.Writer) error { return interchange.Write(dst, w) }); err != nil {
		fmt.Fprintln(os.Stderr, "big:", err)
		os.Exit(1)
	}
}
