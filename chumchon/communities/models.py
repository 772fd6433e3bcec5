"""Models of the communities app."""
