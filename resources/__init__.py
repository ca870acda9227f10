"""Icons, fonts and sample-data word lists, shipped as package data."""
