"""Files attached to a message: what they are, how they are read, and what they cost to send."""
