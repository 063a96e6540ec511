"""Take-away editions: what a reader takes away from the site, made from the report's
model (sitegen/model/checks.py `validate()`), never from the built HTML.

    citation     BibTeX and CSL-JSON per language, and the formatted citation the
                 sources page shows ("Cite this report")
    datapackage  a Frictionless Data Package of every dataset (datapackage.json beside
                 the CSVs in data/) and a deterministic zip of it
    paths        where each file goes in docs/ and its URL from a page
    build        writing them, and what the page templates show: each file's URL and size

The print edition (a PDF per language) is a page made from the same model: it lives in
the pages layer, sitegen/pages/pdf.py, and this layer gives it its path and link.

The `report` plugin (sitegen/site/plugin.py) writes the citations and the data package
before the pages, which link to them with their sizes, and the PDFs once the charts are
drawn (a PDF shows them), filling in the size its pages announce.
"""
