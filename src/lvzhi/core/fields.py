"""Model fields shared by every app."""

from django.core.validators import MaxLengthValidator
from django.db import models

#: Characters a long text (description, summary, comment …) may hold: about ten pages.
LONG_TEXT_MAX_LENGTH = 20_000


class LongTextField(models.TextField):
    """Free text with a length limit the forms, the API and model validation all enforce.

    Django hands a TextField's max_length to form and serializer fields but never checks it
    on the model, and the database column is unbounded; the validator closes that gap.
    """

    def __init__(self, *args, max_length=LONG_TEXT_MAX_LENGTH, **kwargs):
        super().__init__(*args, max_length=max_length, **kwargs)
        self.validators.append(MaxLengthValidator(self.max_length))
