"""Proposals, social-conditions reports and outcomes: one module per subject."""
