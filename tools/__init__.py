"""Developer commands that are not part of the app (run them from the repository root)."""
