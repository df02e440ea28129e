module early.journeymap/locale

go 1.26.0
