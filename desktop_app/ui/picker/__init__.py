"""The model picker and the model lists behind it."""
