"""Training recipe for the shipped spaCy pipeline (`make model`); not installed with the package."""
