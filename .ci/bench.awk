# Prints the figures `make bench` measured, each big one with its ratio to the small map's.
/^BenchmarkMap\// {
	split($1, part, "/"); sub(/-[0-9]+$/, "", part[3])
	ns[part[2] "/" part[3]] = $3
}
/^BenchmarkCommands\// {
	split($1, part, "/"); sub(/-[0-9]+$/, "", part[3]); sub(/^items=/, "", part[3])
	for (i = 3; i < NF; i++) if ($(i + 1) == "ns/item") perItem[part[2] "/" part[3]] = $i
}
/^BenchmarkRebalance\// {
	split($1, part, "/"); sub(/-[0-9]+$/, "", part[2])
	rebalance[part[2]] = $3
	for (i = 3; i < NF; i++) if ($(i + 1) == "fewest") fewest[part[2]] = $i
}
/^BenchmarkExport7680\/export-/ { exportNs = $3 }
/^BenchmarkExport7680\/image-png-/ { pngNs = $3 }
/^BenchmarkCardEdit-/ {
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "document-ns/edit") doc = $i
		if ($(i + 1) == "bare-ns/edit") bare = $i
	}
}
/^BenchmarkSharedEdit-/ {
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "own-ns/edit") ownEdit = $i
		if ($(i + 1) == "shared-ns/edit") sharedEdit = $i
		if ($(i + 1) == "p50-ms/arrival") arrive50 = $i
		if ($(i + 1) == "p99-ms/arrival") arrive99 = $i
	}
}
/^BenchmarkShareAndJoin-/ {
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "share-s") shareS = $i
		if ($(i + 1) == "join-s") joinS = $i
		if ($(i + 1) == "peak-rss-MiB") peakRSS = $i
	}
}
/^BenchmarkImport-/ {
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "import-ms") importMs = $i
		if ($(i + 1) == "bare-ms") bareMs = $i
		if ($(i + 1) == "ratio-median") importMedian = $i
		if ($(i + 1) == "ratio-min") importMin = $i
		if ($(i + 1) == "ratio-max") importMax = $i
		if ($(i + 1) == "records") importRecords = $i
	}
}
/^BenchmarkCSVImport\// {
	split($1, part, "/"); sub(/-[0-9]+$/, "", part[2]); sub(/^rows=/, "", part[2])
	for (i = 3; i < NF; i++) {
		if ($(i + 1) == "s/import") csvS[part[2]] = $i
		if ($(i + 1) == "ns/row") csvRow[part[2]] = $i
		if ($(i + 1) == "peak-rss-MiB") csvRSS[part[2]] = $i
		if ($(i + 1) == "refused") csvRefused[part[2]] = 1
	}
}
/^BenchmarkFrames-/ {
	for (i = 3; i < NF; i++) frames[$(i + 1)] = $i
}
END {
	small = "40x7x5"; big = "200x10x10"
	split("build text move zoom scroll", ops, " ")
	names["build"] = "build (cold measuring)"; names["text"] = "one card's text changed"
	names["move"] = "a card moved to another stage"; names["zoom"] = "a zoom step"; names["scroll"] = "a scroll step"
	if (ns[small "/build"]) {
		printf "\nThe map in its scroller, in Fyne's test driver: the work of each change, with no painting (ms):\n"
		printf "  %-32s %12s %12s %8s\n", "", small, big, "ratio"
	}
	for (i = 1; i <= 5; i++) {
		o = ops[i]; s = ns[small "/" o]; b = ns[big "/" o]
		if (s && b) printf "  %-32s %12.3f %12.3f %8.2f\n", names[o], s / 1e6, b / 1e6, b / s
	}
	if (exportNs && pngNs)
		printf "\nPNG export of a 30-stage journey 7680 px wide (draw, encode, write): %.0f ms; image/png encoding the same picture alone: %.0f ms; ratio %.2f\n", exportNs / 1e6, pngNs / 1e6, exportNs / pngNs
	if (rebalance["uneven"] && rebalance["nearly-fair"])
		printf "\nRebalance of 20 members and 300 pain points, share of its 1 s budget used: %.2f (uneven: every set of three ruled out, then greedy), %.2f (nearly fair: the target first reached in three, fewest %s)\n", rebalance["uneven"] / 1e9, rebalance["nearly-fair"] / 1e9, fewest["nearly-fair"] == 1 ? "proved" : "NOT proved"
	if (doc && bare)
		printf "\nOne card edit made durable through the document: %.3f ms; a bare synced Badger transaction writing the same records: %.3f ms; ratio %.2f\n", doc / 1e6, bare / 1e6, doc / bare
	split("report export-json export-csv", cmds, " ")
	if (perItem["report/1000"]) {
		printf "\nCommands on n members and n pain points, time per item (µs); flat means no quadratic path:\n"
		printf "  %-12s %10s %10s %10s %14s\n", "", "1k", "10k", "100k", "ratio 100k/1k"
	}
	for (i = 1; i <= 3; i++) {
		c = cmds[i]; a = perItem[c "/1000"]; z = perItem[c "/100000"]
		if (a && z) printf "  %-12s %10.1f %10.1f %10.1f %14.2f\n", c, a / 1e3, perItem[c "/10000"] / 1e3, z / 1e3, z / a
	}
	if (ownEdit && sharedEdit)
		printf "\nA card edit on the big task force's workspace, medians: %.3f ms with sharing on (sent meanwhile), %.3f ms on a store of its own; ratio %.2f. From durable on one desk to the other desk's document, on loopback: p50 %.1f ms, p99 %.1f ms\n", sharedEdit / 1e6, ownEdit / 1e6, sharedEdit / ownEdit, arrive50, arrive99
	if (csvS["10000"]) {
		printf "\nCSV import of n pain points through the binary (journeymap import -format csv):\n"
		printf "  %-10s %10s %10s %14s\n", "rows", "s", "µs/row", "peak RSS MiB"
		split("10000 100000 1000000", rows, " ")
		for (i = 1; i <= 3; i++) {
			r = rows[i]
			if (csvRefused[r]) printf "  %-10s refused (see the benchmark's log)\n", r
			else if (csvS[r]) printf "  %-10s %10.2f %10.1f %14.0f\n", r, csvS[r], csvRow[r] / 1e3, csvRSS[r]
		}
		if (csvRow["10000"] && csvRow["1000000"] && !csvRefused["1000000"])
			printf "  time per row 1M / 10k: %.2f (flat means linear)\n", csvRow["1000000"] / csvRow["10000"]
	}
	if (importMs && bareMs)
		printf "\nImport of 50 journeys and 20,000 cards and pain points into a new store (checked, written, read back, swapped in): %.0f ms; a bare Badger writing the same %d records in one synced batch: %.0f ms; ratio median %.2f (min %.2f, max %.2f, of pairs)\n", importMs, importRecords, bareMs, importMedian, importMin, importMax
	if (shareS && joinS)
		printf "\nSharing the big task force's workspace (50 journeys, 20,000 cards, 5,000 pain points): %.1f s; joining it from an empty store: %.1f s; peak RSS of the process (server included) %.0f MiB\n", shareS, joinS, peakRSS
	if (frames["zoom-ms"])
		printf "\nFrames on screen, real input through XTest under Xvfb to the first changed pixel, on the 200x10x10 journey (ms, medians of every step; ratios to a bare Fyne scroller in the same run, median (min-max) of the pairs):\n  a zoom step %.1f (max %.0f; goal 33)\n  a scroll step %.1f, bare %.1f: ratio %.2f (%.2f-%.2f; goal 1.1)\n  a card drag step %.1f, bare box drag %.1f: ratio %.2f (%.2f-%.2f; goal 1.1)\n", frames["zoom-ms"], frames["zoom-max-ms"], frames["scroll-ms"], frames["bare-scroll-ms"], frames["scroll-ratio-median"], frames["scroll-ratio-min"], frames["scroll-ratio-max"], frames["drag-ms"], frames["bare-drag-ms"], frames["drag-ratio-median"], frames["drag-ratio-min"], frames["drag-ratio-max"]
}
