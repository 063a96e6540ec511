"""The MkDocs side: the `report` plugin and what it does to the finished site (CSP,
offline search, precompressed copies)."""
