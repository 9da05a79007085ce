"""cable-lint: a validator of the classification markings of US diplomatic cables."""

__version__ = "0.1.0"
