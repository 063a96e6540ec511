"""The report as data: article, strings, datasets, numbers as each language writes them,
and the validation of the whole (checks.validate gives the Model). Pure loaders."""
