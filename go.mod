module github.com/threatboard/threatboard

go 1.26
