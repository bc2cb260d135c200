"""Tally, a desktop chat client for LLM APIs."""

# The same as pyproject.toml's version (tests/packaging/test_packaging.py checks): the built app
# has no package metadata to read it from.
__version__ = "0.1.0"
