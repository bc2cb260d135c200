"""Conversations in and out: the JSON and Markdown export and the importers."""
