"""Thin views of the communities app, split by topic."""
