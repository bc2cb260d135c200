"""HTTP clients, proxies and CA bundles, and transport and status errors mapped to Tally's own."""
