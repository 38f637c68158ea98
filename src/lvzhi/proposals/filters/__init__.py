"""FilterSets of the proposals app (list page, export and API): one module per subject."""
