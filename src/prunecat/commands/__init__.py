"""Subcommands of `catalog`. Each module has `register(subparsers)` that adds its parser and sets
`run` to a function taking the parsed arguments and returning the exit status."""

#: Modules in the order `catalog --help` lists them.
MODULES = ("check", "add", "fmt", "importing", "promote", "exclude", "export", "todo", "enrich", "synth", "schema")
