module github.com/threatboard/threatboard

go 1.26

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/TheTitanrain/w32 v0.0.0-20180517000239-4f5cfb03fabf // indirect
	github.com/jung-kurt/gofpdf v1.16.2 // indirect
	github.com/sqweek/dialog v0.0.0-20260123140253-64c163d53aac // indirect
)
