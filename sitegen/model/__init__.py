"""The report as data: article, strings, datasets, numbers as each language writes them,
and the validation of the whole (checks.validate gives the Model). Pure loaders. The
data contract is a set of pydantic models here (descriptor, fields, sources, units,
frontmatter, stringsfile), which check the files and word their messages (contract)
and generate README's contract reference (reference)."""
