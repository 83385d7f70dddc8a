module github.com/example/notes

go 1.22

toolchain go1.23.2

require github.com/mattn/go-sqlite3 v1.14.22
