"""proposal models."""

__all__: list[str] = []
