"""Text for the screen: incremental Markdown and its rendering."""
