"""What the user configures: the providers file, app settings, presets, keys, the model cache."""
