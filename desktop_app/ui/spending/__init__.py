"""The spending view: charts, the table and re-pricing."""
