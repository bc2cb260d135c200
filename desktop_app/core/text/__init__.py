"""Text for the screen: incremental Markdown and its rendering, and text from elsewhere on one
line."""
