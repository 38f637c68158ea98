"""outcome models."""

__all__: list[str] = []
