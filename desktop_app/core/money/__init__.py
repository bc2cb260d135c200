"""Money: prices and the catalog, spending, budgets and re-pricing."""
