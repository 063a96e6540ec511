"""The build's ground floor: the Project (folders, languages, options), the one kind of
user error, cached reads, YAML, and where outputs are written. Imports nothing above it."""
