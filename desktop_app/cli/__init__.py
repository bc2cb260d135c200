"""The `tally` command: the parser, and one module per sub-command."""
