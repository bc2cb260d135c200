"""The conversation list: groups, paging, search results, archive and undo."""
