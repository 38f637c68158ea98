"""Reads of the proposals app that span models: one module per subject."""
