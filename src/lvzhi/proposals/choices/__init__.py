"""Status and kind values of the proposals app: one module per subject."""
