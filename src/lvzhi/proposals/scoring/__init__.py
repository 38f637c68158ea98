"""Scoring events the proposals app contributes (core.points): one module per subject."""
