"""Domain errors: raised by services, shown by the UI and the API as translated messages."""


class DomainError(Exception):
    """A rule of the domain refused the operation; `message` is shown to the user."""

    status_code = 400
    #: the form field the refusal belongs to (None: the form as a whole)
    field = None

    def __init__(self, message):
        super().__init__(message)
        self.message = message

    @property
    def messages(self) -> list:
        """What a form shows (a subclass may add details below the message)."""
        return [self.message]


class GoneError(DomainError):
    """The record was deleted by someone else since it was loaded."""

    status_code = 404


class ConflictError(DomainError):
    """Somebody else changed the record since it was loaded (optimistic locking)."""

    status_code = 409
