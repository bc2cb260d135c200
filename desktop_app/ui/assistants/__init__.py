"""Assistants in the window: the picker beside the model picker, the conversation's parameters
panel, and the dialog that manages them."""
