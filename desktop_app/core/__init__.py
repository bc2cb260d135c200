"""The Qt-free core: streaming, providers, errors, keys, configuration."""
