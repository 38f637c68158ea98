"""Pages of the proposals app: one module per subject."""
