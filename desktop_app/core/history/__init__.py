"""The local history: the SQLite store, its schema and migrations, rows, search and the recorder."""
