"""Take-away editions: what a reader takes away from the site, made from the report's
model (sitegen/checks.py `validate()`), never from the built HTML.

    citation     BibTeX and CSL-JSON per language, and the formatted citation the
                 sources page shows ("Cite this report")
    datapackage  a Frictionless Data Package of every dataset (datapackage.json beside
                 the CSVs in data/) and a deterministic zip of it
    pdf          a print edition per language, WeasyPrint from templates/print.html.j2
                 and print.css, cached like the charts
    paths        where each file goes in docs/ and its URL from a page
    links        what the page templates show: each file's URL and size

The `report` plugin (sitegen/plugin.py) writes the citations and the data package
before the pages, which link to them with their sizes, and the PDFs once the charts are
drawn (a PDF shows them), filling in the size its pages announce.
"""
