"""Tally, a desktop chat client for LLM APIs."""
