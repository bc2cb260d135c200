"""The PySide6 widgets: they wire signals to core objects and hold no business rules."""
