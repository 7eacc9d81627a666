"""Importers: other paper lists turned into catalog entries.

`core` holds what every format shares (the report's record of fixes and doubts, merging the rows of
one paper, facts -> entry fields, keys, checking new entries); each source format has its own
module: `awesome_list` (an awesome-list README, a package split along the list's own sections) and
`bibfile` (a .bib file)."""
