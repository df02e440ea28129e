# Prints the figures `make bench` measured, each big one with its ratio to the small map's.
/^BenchmarkMap\// {
	split($1, part, "/"); sub(/-[0-9]+$/, "", part[3])
	ns[part[2] "/" part[3]] = $3
}
/^BenchmarkExport7680\/export-/ { exportNs = $3 }
/^BenchmarkExport7680\/image-png-/ { pngNs = $3 }
/^BenchmarkCardEdit-/ {
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "document-ns/edit") doc = $i
		if ($(i + 1) == "bare-ns/edit") bare = $i
	}
}
END {
	small = "40x7x5"; big = "200x10x10"
	split("build text move zoom scroll", ops, " ")
	names["build"] = "build (cold measuring)"; names["text"] = "one card's text changed"
	names["move"] = "a card moved to another stage"; names["zoom"] = "a zoom step"; names["scroll"] = "a scroll step"
	if (ns[small "/build"]) {
		printf "\nThe map in its scroller, as the app draws it (ms):\n"
		printf "  %-32s %12s %12s %8s\n", "", small, big, "ratio"
	}
	for (i = 1; i <= 5; i++) {
		o = ops[i]; s = ns[small "/" o]; b = ns[big "/" o]
		if (s && b) printf "  %-32s %12.3f %12.3f %8.2f\n", names[o], s / 1e6, b / 1e6, b / s
	}
	if (exportNs && pngNs)
		printf "\nPNG export of a 30-stage journey 7680 px wide (draw, encode, write): %.0f ms; image/png encoding the same picture alone: %.0f ms; ratio %.2f\n", exportNs / 1e6, pngNs / 1e6, exportNs / pngNs
	if (doc && bare)
		printf "\nOne card edit made durable through the document: %.3f ms; a bare synced Badger transaction writing the same records: %.3f ms; ratio %.2f\n", doc / 1e6, bare / 1e6, doc / bare
}
