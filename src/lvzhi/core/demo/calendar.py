"""The demo's dates: fixed years told by the article, plus the living year up to today.

2024 is the article's year and 2025 follows it; their records are the same on every machine
and every day (tests count them). So that a newcomer who runs `make run` sees a system in
use — this year's activities, open problems with deadlines next week, proposals waiting
for a reply — each pillar app also writes the *living year*: the current year from
1 January up to today, and a few things planned for the next days. Its records are seeded
by the year, so loading on the same day gives the same data set.

    span = calendar.living()
    if span:
        day = span.day(rng)                  # a day between 1 January and today
        soon = span.upcoming(rng, days=10)   # a day in the next 10 days
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone

#: the last year of the fixed data set; a living year is only added after it
FIXED_LAST_YEAR = 2025


@dataclass(frozen=True)
class LivingYear:
    first: datetime.date
    today: datetime.date

    @property
    def year(self) -> int:
        return self.today.year

    @property
    def share(self) -> float:
        """How much of the year has passed (0–1): a pillar scales its year's volume by it."""
        return ((self.today - self.first).days + 1) / 365

    def rng(self, salt: str) -> random.Random:
        """A generator seeded by the year and the pillar: the same data set all year."""
        return random.Random(f"{self.year}-{salt}")

    def day(self, rng, start: datetime.date | None = None) -> datetime.date:
        """A day between `start` (1 January by default) and today."""
        start = max(start or self.first, self.first)
        if start >= self.today:
            return self.today
        return start + datetime.timedelta(days=rng.randint(0, (self.today - start).days))

    def upcoming(self, rng, days: int = 10, least: int = 1) -> datetime.date:
        """A day `least`..`days` days from today (planned activities, deadlines next week)."""
        return self.today + datetime.timedelta(days=rng.randint(least, days))


def living(today: datetime.date | None = None) -> LivingYear | None:
    """The living year up to today, or None while today is within the fixed years."""
    today = today or timezone.localdate()
    if today.year <= FIXED_LAST_YEAR:
        return None
    return LivingYear(first=datetime.date(today.year, 1, 1), today=today)
