"""Translations of the core's texts, one module per language (see core/text/messages.py)."""
