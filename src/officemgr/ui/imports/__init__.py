"""File › Import…: the import wizard and its tables."""
