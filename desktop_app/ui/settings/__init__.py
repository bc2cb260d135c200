"""The settings dialog: providers, network, prices, money and thinking."""
