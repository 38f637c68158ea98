"""Domain errors: raised by services, shown by the UI and the API as translated messages."""


class DomainError(Exception):
    """A rule of the domain refused the operation; `message` is shown to the user."""

    status_code = 400

    def __init__(self, message):
        super().__init__(message)
        self.message = message


class GoneError(DomainError):
    """The record was deleted by someone else since it was loaded."""

    status_code = 404


class ConflictError(DomainError):
    """Somebody else changed the record since it was loaded (optimistic locking)."""

    status_code = 409
