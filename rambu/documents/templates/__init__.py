"""Letter templates (data): letters.json. Kept as a package so pip installs the JSON."""
