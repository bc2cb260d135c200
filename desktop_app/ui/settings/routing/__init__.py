"""Settings → Routing: the rules as a table, the form of one rule, the ladder of models and
Try a prompt (page.py puts them together)."""
