"""Routing rules: which model answers a question (routing.toml), read, written, matched and
explained, and what "a stronger model" means (the ladder)."""
