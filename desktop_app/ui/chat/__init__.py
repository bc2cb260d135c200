"""The conversation pane: the messages, the composer, the status line and the cost meter."""
