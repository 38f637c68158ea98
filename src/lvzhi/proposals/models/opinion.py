"""opinion models."""

__all__: list[str] = []
