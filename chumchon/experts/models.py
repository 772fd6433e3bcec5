"""Models of the experts app."""
